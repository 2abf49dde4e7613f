/**
 * Opens or updates a plan's review for one half term (`POST /api/documents/:id/reviews`). While
 * open, each update re-takes the snapshot from the plan and keeps the commentary; closing freezes
 * it, so a governor later sees the review as it was.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { reviewPointOrder } from "../../shared/calendar/index.js";
import { halfTermSchema } from "../../shared/calendar/schemas.js";
import { academicYearSchema } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { planRollForwards, reviewItems, reviews } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";
import { summarise, takeSnapshot } from "./reviewSnapshot.js";

/** The request body: the half term, optional commentary per block id, and whether to close. */
export const reviewInputSchema = z.object({
  halfTerm: halfTermSchema,
  academicYear: academicYearSchema.optional(),
  commentary: z.record(z.uuid(), z.string().trim().max(1000)).optional(),
  close: z.boolean().optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** Document kinds that are plans walked at reviews. */
export const REVIEWED_KINDS = new Set(["single_plan", "adp", "action_plan"]);

type ReviewRow = typeof reviews.$inferSelect;

/** This document and the plans it was rolled forward from, nearest first (history reads across terms). */
async function lineage(db: Db, documentId: string): Promise<string[]> {
  const chain = [documentId];
  for (let i = 0; i < 10; i++) {
    const [link] = await db.select({ from: planRollForwards.fromDocumentId }).from(planRollForwards).where(eq(planRollForwards.toDocumentId, chain.at(-1)!)).limit(1);
    if (!link || chain.includes(link.from)) break;
    chain.push(link.from);
  }
  return chain;
}

/** The review point just before this one, across the plan's lineage, with its items. */
async function previousReview(db: Db, documentId: string, review: { id: string; academicYear: string; halfTerm: string }) {
  const docs = await lineage(db, documentId);
  const rows = await db.select().from(reviews).where(inArray(reviews.documentId, docs));
  const order = reviewPointOrder(review.academicYear, review.halfTerm);
  const before = rows
    .filter((r) => r.id !== review.id && reviewPointOrder(r.academicYear, r.halfTerm) < order)
    .sort((a, b) => reviewPointOrder(b.academicYear, b.halfTerm) - reviewPointOrder(a.academicYear, a.halfTerm))[0];
  if (!before) return null;
  const items = await db.select({ blockId: reviewItems.blockId, rag: reviewItems.rag }).from(reviewItems).where(eq(reviewItems.reviewId, before.id));
  return { id: before.id, halfTerm: before.halfTerm, items };
}

/** Recomputes the summaries of this document's reviews after `order`, whose "previous" may have changed. */
async function refreshLaterSummaries(db: Db, documentId: string, order: number): Promise<void> {
  const later = (await db.select().from(reviews).where(eq(reviews.documentId, documentId))).filter((r) => reviewPointOrder(r.academicYear, r.halfTerm) > order);
  for (const r of later) {
    const items = await db.select().from(reviewItems).where(eq(reviewItems.reviewId, r.id));
    const summary = summarise(items as never, await previousReview(db, documentId, r));
    await db.update(reviews).set({ summary }).where(eq(reviews.id, r.id));
  }
}

/** Opens, updates or closes the review; returns its row. */
export async function recordReview(
  db: Db,
  doc: { id: string; schoolId: string; academicYear: string; kind: string },
  input: ReviewInput,
  actorId: string,
): Promise<ReviewRow> {
  if (!REVIEWED_KINDS.has(doc.kind)) throw new HttpError(400, "invalid_request", "Only plans (Single Plans, ADPs and action plans) have half-termly reviews");
  const academicYear = input.academicYear ?? doc.academicYear;
  const [existing] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.documentId, doc.id), eq(reviews.academicYear, academicYear), eq(reviews.halfTerm, input.halfTerm)))
    .limit(1);
  if (existing?.status === "closed") throw new HttpError(409, "review_closed", "This review is closed: its snapshot is kept as it was");

  const snapshot = await takeSnapshot(db, doc.id);
  const kept = new Map<string, string>();
  if (existing) {
    for (const i of await db.select({ blockKey: reviewItems.blockKey, commentary: reviewItems.commentary }).from(reviewItems).where(eq(reviewItems.reviewId, existing.id))) kept.set(i.blockKey, i.commentary);
  }
  const byId = new Map(snapshot.filter((s) => s.blockId).map((s) => [s.blockId!, s]));
  for (const id of Object.keys(input.commentary ?? {})) {
    if (!byId.has(id.toLowerCase())) throw new HttpError(400, "invalid_request", `commentary: ${id} is not a target or action of this plan`);
  }
  for (const item of snapshot) item.commentary = kept.get(item.blockKey) ?? "";
  for (const [id, text] of Object.entries(input.commentary ?? {})) byId.get(id.toLowerCase())!.commentary = text;

  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const now = new Date();
    const closing = input.close ? { status: "closed", closedBy: actorId, closedAt: now } : {};
    const placeholderSummary = summarise(snapshot, null);
    const [row] = existing
      ? await t.update(reviews).set({ updatedAt: now, ...closing }).where(eq(reviews.id, existing.id)).returning()
      : await t.insert(reviews).values({ documentId: doc.id, schoolId: doc.schoolId, academicYear, halfTerm: input.halfTerm, summary: placeholderSummary, openedBy: actorId, ...closing }).returning();
    await t.delete(reviewItems).where(eq(reviewItems.reviewId, row!.id));
    for (let i = 0; i < snapshot.length; i += 500) {
      await t.insert(reviewItems).values(snapshot.slice(i, i + 500).map((s) => ({ ...s, reviewId: row!.id })));
    }
    const summary = summarise(snapshot, await previousReview(t, doc.id, row!));
    const [saved] = await t.update(reviews).set({ summary }).where(eq(reviews.id, row!.id)).returning();
    await refreshLaterSummaries(t, doc.id, reviewPointOrder(academicYear, input.halfTerm));
    return saved!;
  });
}
