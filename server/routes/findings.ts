/**
 * Peer-review findings to actions (Improvement Champions): a finding becomes an owned action in
 * the school's live plan, and the review's report follows each finding's actions and their RAG.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { Hono } from "hono";
import * as Y from "yjs";
import { z } from "zod";
import { audit } from "../commands/auditLogger.js";
import { actions, findings, users } from "../db/schema/index.js";
import { requireDocument } from "../documents/requireDocument.js";
import { versionBlocks } from "../documents/versionCapture.js";
import { insertFindingAction } from "../findings/actionInserter.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { idSchema, isoDateSchema, textSchema } from "../http/schemas.js";
import { parseBody, uuidParam } from "../http/validate.js";
import { requireSchoolMembers } from "../schools/schoolMembers.js";

const PLAN_KINDS = new Set(["single_plan", "adp", "action_plan"]);

const turnIntoActionSchema = z.object({
  planId: idSchema,
  owners: z.array(idSchema).min(1, "Choose who owns the action").max(20),
  due: isoDateSchema,
  text: textSchema(1000).trim().min(1).optional(),
  /** The plan's target the action serves; absent or null means none. */
  targetId: idSchema.nullable().optional(),
});

/**
 * The linked actions of some findings, with their current RAG and status, from the progress tables.
 * Only the review's own school counts: a block copied into another school's plan keeps its
 * `findingId`, and must not show that school's action to this review's readers.
 */
async function linkedActions(db: AppEnv["Variables"]["deps"]["db"], schoolId: string, findingIds: string[]) {
  if (!findingIds.length) return [];
  return db
    .select({
      id: actions.blockId, findingId: actions.findingId, documentId: actions.documentId, text: actions.text,
      rag: actions.rag, status: actions.status, due: actions.due, owners: actions.owners,
    })
    .from(actions)
    .where(and(eq(actions.schoolId, schoolId), inArray(actions.findingId, findingIds), isNull(actions.deletedAt)))
    .orderBy(asc(actions.position));
}

export const findingRoutes = new Hono<AppEnv>()
  .post("/documents/:id/findings/:findingId/actions", async (c) => {
    const reviewId = uuidParam(c, "id");
    const findingId = uuidParam(c, "findingId");
    const input = await parseBody(c, turnIntoActionSchema);
    const { doc: review } = await requireDocument(c, reviewId, "read");
    if (review.kind !== "peer_review") throw new HttpError(400, "invalid_request", "Only a peer review's findings turn into actions");
    const { actor, doc: plan } = await requireDocument(c, input.planId, "update");
    if (plan.schoolId !== review.schoolId || !PLAN_KINDS.has(plan.kind)) {
      throw new HttpError(400, "invalid_request", "planId: choose a Single Plan, ADP or action plan of the same school");
    }
    const { db, hooks } = c.var.deps;
    if (!hooks.changeDocument || !hooks.documentState) throw new HttpError(503, "unavailable", "Plans cannot be changed right now");
    const owners = await requireSchoolMembers(db, plan.schoolId, input.owners, "owners");

    const reviewDoc = new Y.Doc();
    Y.applyUpdate(reviewDoc, await hooks.documentState(review.id));
    const finding = versionBlocks(reviewDoc).find((b) => b.type === "finding" && b.id === findingId);
    reviewDoc.destroy();
    if (!finding) throw new HttpError(404, "not_found", "Finding not found in this peer review");
    if (!finding.text.trim() && !input.text) throw new HttpError(400, "invalid_request", "text: the finding is empty, so say what the action is");

    const targetId = input.targetId ?? null;
    if (targetId) {
      const planDoc = new Y.Doc();
      Y.applyUpdate(planDoc, await hooks.documentState(plan.id));
      const found = versionBlocks(planDoc).some((b) => b.type === "target" && b.id === targetId);
      planDoc.destroy();
      if (!found) throw new HttpError(400, "invalid_request", "targetId: choose a target of that plan, or none");
    }

    const actionId = crypto.randomUUID();
    await hooks.changeDocument(
      plan.id,
      (doc) => insertFindingAction(doc, { id: actionId, findingId, text: input.text ?? finding.text, owners, due: input.due, area: (finding.attrs.area as string | null) ?? null, targetId }),
      actor.id,
    );
    await audit(c, "finding.action_created", { reviewId, findingId, planId: plan.id, actionId }, actor.id, { type: "document", id: plan.id });
    return c.json({ actionId, planId: plan.id, findingId }, 201);
  })
  .get("/documents/:id/findings", async (c) => {
    const { doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    const { db } = c.var.deps;
    const rows = await db
      .select({ id: findings.blockId, text: findings.text, area: findings.area, kind: findings.kind, placeholder: findings.placeholder })
      .from(findings)
      .where(and(eq(findings.documentId, doc.id), isNull(findings.deletedAt)))
      .orderBy(asc(findings.position));
    const live = rows.filter((r) => !r.placeholder && r.id);
    const linked = await linkedActions(db, doc.schoolId, live.map((r) => r.id!));
    const ownerIds = [...new Set(linked.flatMap((a) => a.owners))];
    const names = new Map<string, string>();
    if (ownerIds.length) for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds))) names.set(u.id, u.name);
    return c.json({
      findings: live.map((f) => {
        const mine = linked.filter((a) => a.findingId === f.id);
        return {
          ...f,
          actions: mine.map((a) => ({ ...a, owners: a.owners.map((id) => ({ id, name: names.get(id) ?? "Unknown person" })), link: `/documents/${a.documentId}#block-${a.id}` })),
          summary: {
            actions: mine.length,
            complete: mine.filter((a) => a.status === "complete").length,
            red: mine.filter((a) => a.rag === "red").length,
          },
        };
      }),
    });
  });
