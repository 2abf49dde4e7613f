/** Writes one audit entry. Failures are logged, never raised: auditing must not break the act it records. */
import type { Context } from "hono";
import type { Db } from "../db/client.js";
import { auditLog } from "../db/schema/index.js";
import { cleanDeep } from "../../shared/text.js";
import type { Logger } from "../logger.js";
import type { AppEnv } from "../http/context.js";
import { clientAddress } from "../http/clientAddress.js";

export interface AuditSubject {
  type: string;
  id: string;
}

export interface AuditEntry {
  action: string;
  actorId: string | null;
  details?: Record<string, unknown>;
  subject?: AuditSubject;
  address: string | null;
}

/** Appends one entry; for callers outside an HTTP request (the collab upgrade). */
export async function writeAudit(db: Db, logger: Logger, entry: AuditEntry): Promise<void> {
  try {
    await db.insert(auditLog).values({
      action: entry.action,
      actorId: entry.actorId,
      // A NUL or lone surrogate in a reason or a version name must not cost the audit row.
      details: cleanDeep(entry.details ?? {}),
      subjectType: entry.subject?.type ?? null,
      subjectId: entry.subject?.id ?? null,
      address: entry.address,
    });
  } catch (err) {
    logger.error("audit write failed", { action: entry.action, err: String(err) });
  }
}

/** Appends one entry for the current request: who, what, and from where. */
export function audit(
  c: Context<AppEnv>,
  action: string,
  details: Record<string, unknown> = {},
  actorId: string | null = c.var.actor?.id ?? null,
  subject?: AuditSubject,
): Promise<void> {
  return writeAudit(c.var.deps.db, c.var.deps.logger, { action, actorId, details, subject, address: clientAddress(c) });
}
