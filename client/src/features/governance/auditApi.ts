/** The audit log (GET /api/audit): newest first, paged by entry id. Nobody can change it. */
import { api } from "../../api/client.js";

/** One audit entry as GET /api/audit sends it. */
export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

/** One page of entries older than `before`, optionally of one action. */
export const listAudit = (query: { before?: number; action?: string }, signal?: AbortSignal) =>
  api.get<{ entries: AuditEntry[]; nextBefore: number | null }>("/audit", {
    query: { before: query.before ? String(query.before) : undefined, action: query.action },
    signal,
  });
