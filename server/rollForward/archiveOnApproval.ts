/**
 * The roll-forward's last step: once the new plan is approved, the plan it was carried from is
 * archived (its actions leave the tracker; its reviews and history stay readable).
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { documents, planRollForwards } from "../db/schema/index.js";

/** Archives the plan `approvedId` was rolled forward from, if any; returns its id when it was archived now. */
export async function archivePlanRolledInto(db: Db, approvedId: string): Promise<string | null> {
  const [link] = await db
    .select({ id: planRollForwards.id, from: planRollForwards.fromDocumentId })
    .from(planRollForwards)
    .where(and(eq(planRollForwards.toDocumentId, approvedId), isNull(planRollForwards.archivedAt)))
    .limit(1);
  if (!link) return null;
  await db.update(documents).set({ status: "archived", updatedAt: new Date() }).where(and(eq(documents.id, link.from), ne(documents.status, "archived")));
  await db.update(planRollForwards).set({ archivedAt: new Date() }).where(eq(planRollForwards.id, link.id));
  return link.from;
}
