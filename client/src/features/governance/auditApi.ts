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
  /** The document the entry is about, by title. */
  document: { id: string; title: string } | null;
  /** The school the entry is about (directly, or through its document or membership). */
  school: { id: string; name: string } | null;
}

export interface AuditFilter {
  before?: number;
  action?: string;
  actorId?: string;
  schoolId?: string;
}

/** One page of entries older than `before`, optionally of one kind, by one person or about one school. */
export const listAudit = (query: AuditFilter, signal?: AbortSignal) =>
  api.get<{ entries: AuditEntry[]; nextBefore: number | null }>("/audit", {
    query: { before: query.before ? String(query.before) : undefined, action: query.action || undefined, actorId: query.actorId || undefined, schoolId: query.schoolId || undefined },
    signal,
  });
