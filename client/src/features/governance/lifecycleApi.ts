/** Review and approval (server/routes/documentLifecycle.ts): status moves, named versions, changes since approval. */
import { api } from "../../api/client.js";
import type { DocumentStatus } from "../../../../shared/enumValues.js";

/** The bodies that approve a document. */
export type ApprovalBody = "lgb" | "trust_board";

/** Their names in full. */
export const APPROVAL_BODY_LABELS: Record<ApprovalBody, string> = {
  lgb: "Local Governing Board",
  trust_board: "Trust Board",
};

/** A named version (an approval's snapshot), without its state. */
export interface DocumentVersion {
  id: string;
  documentId: string;
  name: string;
  approvalBody: ApprovalBody | string;
  approvalBodyLabel: string;
  approvedOn: string;
  approvedBy: { id: string; name: string | null } | null;
  minuteReference: string | null;
  openThreads: number;
  openWarnings: number;
  createdAt: string;
}

/** What the approval form shows before anyone approves: the body, the open threads and the warned blocks. */
export interface ApprovalCheck {
  approvalBody: ApprovalBody | null;
  openThreads: { id: string; quote: string; firstComment: string }[];
  warnings: { id: string; type: string; text: string; messages: string[] }[];
}

/** A version with its Yjs state (base64), to open read-only. */
export interface DocumentVersionWithState extends DocumentVersion {
  state: string;
}

/** One target or action that differs from the approved version. */
export interface BlockChange {
  id: string;
  type: "target" | "action" | string;
  text: string;
  change: "added" | "removed" | "changed";
  fields: { field: string; from: unknown; to: unknown }[];
}

/** What a status move sends; approval also names the body and the date. */
export type StatusChange =
  | { status: Exclude<DocumentStatus, "approved" | "draft"> }
  | { status: "draft"; note?: string }
  | { status: "approved"; approvalBody: ApprovalBody; approvedOn: string; minuteReference?: string; versionName?: string };

const enc = encodeURIComponent;

/** Moves the document; the server answers 409 for a move that makes no sense from its status. */
export const changeStatus = (documentId: string, change: StatusChange) =>
  api.post<{ status: DocumentStatus; versionId: string | null }>(`/documents/${enc(documentId)}/status`, change);

/** Every named version, newest first. */
export const listVersions = (documentId: string, signal?: AbortSignal) =>
  api.get<{ versions: DocumentVersion[] }>(`/documents/${enc(documentId)}/versions`, { signal }).then((r) => r.versions);

/** One version with its Yjs state, to open read-only. */
export const getVersion = (documentId: string, versionId: string, signal?: AbortSignal) =>
  api.get<{ version: DocumentVersionWithState }>(`/documents/${enc(documentId)}/versions/${enc(versionId)}`, { signal }).then((r) => r.version);

/** Targets and actions added, removed or changed since the latest approved version. */
export const listChanges = (documentId: string, signal?: AbortSignal) =>
  api.get<{ since: { id: string; name: string }; changes: BlockChange[] }>(`/documents/${enc(documentId)}/changes`, { signal });

/** The body that approves, and what is still open on the plan. */
export const getApprovalCheck = (documentId: string, signal?: AbortSignal) =>
  api.get<ApprovalCheck>(`/documents/${enc(documentId)}/approval-check`, { signal });
