/** The approval a document carries now: its latest approved version's record, shown on the document page. */
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { documentVersions, users } from "../db/schema/index.js";

const BODY_LABELS: Record<string, string> = { lgb: "Local Governing Board", trust_board: "Trust Board" };

/** Who recorded the approval, the body, the meeting's date and minute, and what was still open; null when never approved. */
export async function latestApproval(db: Db, documentId: string) {
  const [row] = await db
    .select({ v: { id: documentVersions.id, approvalBody: documentVersions.approvalBody, approvedOn: documentVersions.approvedOn, minuteReference: documentVersions.minuteReference, openThreads: documentVersions.openThreads, openWarnings: documentVersions.openWarnings, approvedBy: documentVersions.approvedBy, createdAt: documentVersions.createdAt }, name: users.name })
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.approvedBy))
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.createdAt))
    .limit(1);
  if (!row) return null;
  const { v } = row;
  return {
    versionId: v.id, approvalBody: v.approvalBody, approvalBodyLabel: BODY_LABELS[v.approvalBody] ?? v.approvalBody,
    approvedOn: v.approvedOn, minuteReference: v.minuteReference, openThreads: v.openThreads, openWarnings: v.openWarnings,
    recordedBy: v.approvedBy ? { id: v.approvedBy, name: row.name } : null, recordedAt: v.createdAt.toISOString(),
  };
}
