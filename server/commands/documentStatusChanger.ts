/**
 * Moves a document through draft → in_review → approved → archived. Approval records who
 * approved it, the body and the date, and takes a named version of the Yjs state and blocks.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { documentStatusSchema, type DocumentStatus } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { documents, documentVersions } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";
import type { Action } from "../policies/index.js";
import type { VersionBlock } from "../documents/versionDiff.js";
import { archivePlanRolledInto } from "../rollForward/archiveOnApproval.js";

export const APPROVAL_BODIES = ["lgb", "trust_board"] as const;
export const APPROVAL_BODY_LABELS: Record<(typeof APPROVAL_BODIES)[number], string> = {
  lgb: "Local Governing Board",
  trust_board: "Trust Board",
};

export const statusChangeSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("draft") }),
  z.object({ status: z.literal("in_review") }),
  z.object({ status: z.literal("archived") }),
  z.object({
    status: z.literal("approved"),
    approvalBody: z.enum(APPROVAL_BODIES),
    approvedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-11-20"),
    versionName: z.string().trim().min(1).max(120).optional(),
  }),
]);
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** Which moves are allowed from each status, and the ability each needs. */
const TRANSITIONS: Record<DocumentStatus, Partial<Record<DocumentStatus, Action>>> = {
  draft: { in_review: "review", approved: "approve", archived: "review" },
  in_review: { draft: "review", approved: "approve", archived: "review" },
  // "Start a new revision": an approved document reopens as a draft; its version stays viewable.
  approved: { draft: "review", archived: "review" },
  archived: { draft: "review" },
};

/** The ability a move needs, or a 409 explaining why the move makes no sense from here. */
export function transitionAbility(from: string, to: DocumentStatus): Action {
  const parsed = documentStatusSchema.safeParse(from);
  const ability = parsed.success ? TRANSITIONS[parsed.data][to] : undefined;
  if (!ability) throw new HttpError(409, "invalid_transition", `A document that is ${from.replace("_", " ")} cannot move to ${to.replace("_", " ")}`);
  return ability;
}

export interface VersionCapture {
  state: Uint8Array;
  blocks: VersionBlock[];
}

/** Applies the change; for approval, stores the captured version in the same transaction. */
export async function changeDocumentStatus(
  db: Db,
  doc: { id: string; title: string },
  change: StatusChange,
  actorId: string,
  capture: () => Promise<VersionCapture>,
): Promise<{ versionId: string | null }> {
  const captured = change.status === "approved" ? await capture() : null;
  return db.transaction(async (tx) => {
    let versionId: string | null = null;
    if (change.status === "approved" && captured) {
      const [version] = await tx
        .insert(documentVersions)
        .values({
          documentId: doc.id,
          name: change.versionName ?? `Approved by the ${APPROVAL_BODY_LABELS[change.approvalBody]}, ${change.approvedOn}`,
          approvalBody: change.approvalBody,
          approvedBy: actorId,
          approvedOn: change.approvedOn,
          state: captured.state,
          blocks: captured.blocks,
        })
        .returning({ id: documentVersions.id });
      versionId = version!.id;
    }
    await tx.update(documents).set({ status: change.status, updatedAt: new Date() }).where(eq(documents.id, doc.id));
    // A plan rolled forward from another retires that one once it is approved (issue 13).
    if (change.status === "approved") await archivePlanRolledInto(tx as unknown as Db, doc.id);
    return { versionId };
  });
}
