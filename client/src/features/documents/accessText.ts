/** Says plainly what the signed-in person may do with a document, and why when it is read-only. */
import type { DocumentDetail } from "../../api/types.js";

const LOCKED = new Set(["approved", "archived"]);

export function accessText({ document, abilities }: DocumentDetail): { label: string; detail: string } {
  if (abilities.update) return { label: "Can edit", detail: "You can edit this document's text." };
  if (LOCKED.has(document.status)) {
    return {
      label: "Read-only",
      detail: `This document is ${document.status === "approved" ? "approved" : "archived"}, so it is locked for everyone until a new revision starts.`,
    };
  }
  return {
    label: "Read-only",
    detail: abilities.comment
      ? "Your role lets you read and comment on this document, but not change its text."
      : "Your role lets you read this document, but not change or comment on it.",
  };
}
