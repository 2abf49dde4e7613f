/**
 * Moves a document through draft → in_review → approved → archived. Approval is recorded by the
 * body that approves the plan (policies/approval.ts): who recorded it, the body, the meeting's
 * date and minute, and what was still open; it takes a named version of the Yjs state and blocks.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { documentStatusSchema, type DocumentStatus } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { documents, documentVersions } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";
import { isoDateSchema } from "../http/schemas.js";
import { approvalBodyFor, type Action, type Resource } from "../policies/index.js";
import type { VersionBlock } from "../documents/versionDiff.js";
import { archivePlanRolledInto } from "../rollForward/archiveOnApproval.js";

export const APPROVAL_BODIES = ["lgb", "trust_board"] as const;
export const APPROVAL_BODY_LABELS: Record<(typeof APPROVAL_BODIES)[number], string> = {
  lgb: "Local Governing Board",
  trust_board: "Trust Board",
};

export const statusChangeSchema = z.discriminatedUnion("status", [
  // From review, a note says what the board wants changed ("request changes").
  z.object({ status: z.literal("draft"), note: z.string().trim().max(2000, "Keep the note under 2,000 characters").optional() }),
  z.object({ status: z.literal("in_review") }),
  z.object({ status: z.literal("archived") }),
  z.object({
    status: z.literal("approved"),
    approvalBody: z.enum(APPROVAL_BODIES),
    /** The date of the meeting that approved it. */
    approvedOn: isoDateSchema.refine((d) => d >= "2000-01-01", "Use the date of the meeting that approved it"),
    minuteReference: z.string().trim().max(200, "Keep the minute reference under 200 characters").optional(),
    versionName: z.string().trim().min(1).max(120).optional(),
  }),
]);
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** Which moves are allowed from each status, and the ability each needs. */
// Approval follows submission: a board approves what its leaders put in front of it.
const TRANSITIONS: Record<DocumentStatus, Partial<Record<DocumentStatus, Action>>> = {
  draft: { in_review: "review", archived: "review" },
  in_review: { draft: "requestChanges", approved: "approve", archived: "review" },
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

/** Refuses an approval whose body does not fit the plan, or whose meeting has not happened yet. */
export function checkApproval(change: StatusChange, resource: Resource, today: string): void {
  if (change.status !== "approved" || resource.type !== "document") return;
  const body = approvalBodyFor(resource);
  if (body !== change.approvalBody) {
    const label = body ? APPROVAL_BODY_LABELS[body] : "its board";
    throw new HttpError(422, "wrong_approval_body", `This plan is approved by the ${label}, not the ${APPROVAL_BODY_LABELS[change.approvalBody]}`);
  }
  if (change.approvedOn > today) throw new HttpError(422, "meeting_in_future", "approvedOn: the meeting's date cannot be in the future");
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
  /** What was still open when it was approved (threads, warned blocks). */
  open: { threads: number; warnings: number } = { threads: 0, warnings: 0 },
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
          minuteReference: change.minuteReference || null,
          openThreads: open.threads,
          openWarnings: open.warnings,
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
