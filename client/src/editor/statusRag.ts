/**
 * An action's status and its RAG must not contradict each other silently: "Complete" is blue on
 * the RAG scale. This names the disagreement, if any, for the action block to show with its fix.
 */
import type { ActionStatus, Rag } from "../../../shared/enumValues.js";

export type StatusRagMismatch =
  /** Complete, but rated red: the tracker would show a finished action as failing. */
  | { kind: "complete_but_red"; fix: { rag: "blue" } }
  /** Complete, rated green, amber or not at all: offer blue. */
  | { kind: "complete_not_blue"; fix: { rag: "blue" } }
  /** Rated blue (complete) while the status says otherwise: offer to mark it complete. */
  | { kind: "blue_not_complete"; fix: { status: "complete" } };

export function statusRagMismatch(status: ActionStatus, rag: Rag): StatusRagMismatch | null {
  if (status === "complete" && rag === "red") return { kind: "complete_but_red", fix: { rag: "blue" } };
  if (status === "complete" && rag !== "blue") return { kind: "complete_not_blue", fix: { rag: "blue" } };
  // A dropped action keeps whatever RAG it had when it was dropped; blue there is not a contradiction worth a prompt.
  if (rag === "blue" && status !== "complete" && status !== "dropped") return { kind: "blue_not_complete", fix: { status: "complete" } };
  return null;
}
