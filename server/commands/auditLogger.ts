/** Writes one audit entry. Failures are logged, never raised: auditing must not break the act it records. */
import type { Context } from "hono";
import { auditLog } from "../db/schema/index.js";
import type { AppEnv } from "../http/context.js";
import { clientAddress } from "../http/clientAddress.js";

export interface AuditSubject {
  type: string;
  id: string;
}

export async function audit(
  c: Context<AppEnv>,
  action: string,
  details: Record<string, unknown> = {},
  actorId: string | null = c.var.actor?.id ?? null,
  subject?: AuditSubject,
): Promise<void> {
  try {
    await c.var.deps.db.insert(auditLog).values({
      action,
      actorId,
      details,
      subjectType: subject?.type ?? null,
      subjectId: subject?.id ?? null,
      address: clientAddress(c),
    });
  } catch (err) {
    c.var.deps.logger.error("audit write failed", { action, err: String(err) });
  }
}
