/**
 * The notification someone gets on becoming an owner of an action or target, in one place: the
 * editor's ownership listener and the Word import send the same words, link and dedupe key, so a
 * person hears about a block once however they were made its owner.
 */
import type { NotificationInput } from "./Notifier.js";

/** What the notice names. */
export interface OwnedBlock {
  documentId: string;
  blockId: string | null;
  kind: "action" | "target";
  text: string;
}

/** The notice for one new owner of one block. */
export function ownershipNotice(block: OwnedBlock, userId: string, actorId: string | null): NotificationInput {
  const text = block.text.trim() || `an untitled ${block.kind}`;
  return {
    kind: "ownership", userIds: [userId], actorId, about: { documentId: block.documentId },
    title: `You are now an owner of the ${block.kind} “${text.slice(0, 120)}”`,
    link: `/documents/${block.documentId}${block.blockId ? `#block-${block.blockId}` : ""}`,
    dedupeKey: `ownership:${block.documentId}:${block.blockId ?? "unknown"}:${userId}`,
  };
}
