/**
 * The moves a document's status allows, mirroring server/commands/documentStatusChanger.ts; the server still decides (409).
 * Who may make each comes from the abilities GET /api/documents/:id returns (the policy module), never from a copy here.
 */
import type { DocumentStatus } from "../../../../shared/enumValues.js";

/** One move from the current status, as a button. */
export interface StatusMove {
  to: DocumentStatus;
  label: string;
  /** The ability from GET /api/documents/:id that the move needs. */
  needs: "review" | "approve" | "requestChanges";
  /** The move asks for a note (request changes). */
  note?: boolean;
  /** A sentence for the confirmation, for moves that lock or unlock the text. */
  confirm?: string;
}

const MOVES: Record<DocumentStatus, StatusMove[]> = {
  draft: [
    { to: "in_review", label: "Submit for approval", needs: "review" },
    { to: "archived", label: "Archive", needs: "review", confirm: "Archive this document? Its text becomes read-only for everyone." },
  ],
  in_review: [
    { to: "approved", label: "Approve…", needs: "approve" },
    { to: "draft", label: "Request changes…", needs: "approve", note: true },
    { to: "draft", label: "Back to draft", needs: "review" },
    { to: "archived", label: "Archive", needs: "review", confirm: "Archive this document? Its text becomes read-only for everyone." },
  ],
  approved: [
    { to: "draft", label: "Start a new revision", needs: "review", confirm: "Start a new revision? The document becomes an editable draft again; the approved version stays viewable." },
    { to: "archived", label: "Archive", needs: "review", confirm: "Archive this document? It stays read-only, and its versions stay viewable." },
  ],
  archived: [{ to: "draft", label: "Restore as a draft", needs: "review", confirm: "Restore this document as an editable draft?" }],
};

/** The moves this person may make from `status`. */
export function allowedMoves(status: DocumentStatus | string, abilities: { review?: boolean; approve?: boolean; requestChanges?: boolean }): StatusMove[] {
  return (MOVES[status as DocumentStatus] ?? []).filter((m) => abilities[m.needs]);
}

/** What each status means for the people reading the page. */
export const STATUS_EXPLANATIONS: Record<DocumentStatus, string> = {
  draft: "Being written. Leaders edit it; governors and the trust can comment.",
  in_review: "Submitted for approval: its board reviews it, comments, and approves it or sends it back with changes.",
  approved: "Approved and locked. Nobody can change the text until a new revision starts.",
  archived: "Archived. Kept for the record; the text cannot change.",
};
