/**
 * Reading reviews back: a school's review points (one chart value per half term), each block's
 * history across reviews (following carriedFrom into earlier plans), and one document's reviews.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { halfTermLabel, reviewPointOrder } from "../../shared/calendar/index.js";
import { RAGS } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { documents, reviewItems, reviews, users } from "../db/schema/index.js";

type ReviewRow = typeof reviews.$inferSelect;
type ItemRow = typeof reviewItems.$inferSelect;

/** A review as the API returns it. */
export function presentReview(r: ReviewRow, extra: { documentTitle?: string; closedByName?: string | null } = {}) {
  return {
    id: r.id,
    documentId: r.documentId,
    documentTitle: extra.documentTitle,
    schoolId: r.schoolId,
    academicYear: r.academicYear,
    halfTerm: r.halfTerm,
    label: `${halfTermLabel(r.halfTerm)} review`,
    status: r.status,
    summary: r.summary,
    openedAt: r.openedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy ? { id: r.closedBy, name: extra.closedByName ?? null } : null,
  };
}

const presentItem = (i: ItemRow) => ({
  blockId: i.blockId ?? i.blockKey,
  type: i.blockType,
  carriedFrom: i.carriedFrom,
  text: i.text,
  rag: i.rag,
  status: i.status,
  current: i.current,
  outcome: i.outcome,
  due: i.due,
  commentary: i.commentary,
});

const byPoint = (a: ReviewRow, b: ReviewRow) => reviewPointOrder(a.academicYear, a.halfTerm) - reviewPointOrder(b.academicYear, b.halfTerm);

/** One document's reviews, oldest first, each with its items. */
export async function documentReviews(db: Db, documentId: string) {
  const rows = (await db.select().from(reviews).where(eq(reviews.documentId, documentId))).sort(byPoint);
  const items = rows.length ? await db.select().from(reviewItems).where(inArray(reviewItems.reviewId, rows.map((r) => r.id))).orderBy(asc(reviewItems.position)) : [];
  return rows.map((r) => ({ ...presentReview(r), items: items.filter((i) => i.reviewId === r.id).map(presentItem) }));
}

/** One review with its items, or null. */
export async function reviewWithItems(db: Db, reviewId: string) {
  const [r] = await db.select().from(reviews).where(eq(reviews.id, reviewId)).limit(1);
  if (!r) return null;
  const items = await db.select().from(reviewItems).where(eq(reviewItems.reviewId, r.id)).orderBy(asc(reviewItems.position));
  return { ...presentReview(r), items: items.map(presentItem) };
}

const ragCounts = () => Object.fromEntries([...RAGS, "total"].map((r) => [r, 0])) as Record<string, number>;

/**
 * A school's reviews: the list, the chart's points (one per half term reviewed, plans added
 * together) and every target's and action's history with the commentary at each review.
 */
export async function schoolReviews(db: Db, schoolId: string) {
  const rows = (
    await db
      .select({ r: reviews, title: documents.title, closedByName: users.name })
      .from(reviews)
      .innerJoin(documents, eq(documents.id, reviews.documentId))
      .leftJoin(users, eq(users.id, reviews.closedBy))
      .where(eq(reviews.schoolId, schoolId))
  ).sort((a, b) => byPoint(a.r, b.r));

  const points = new Map<string, { academicYear: string; halfTerm: string; label: string; targets: Record<string, number>; actions: Record<string, number>; reviews: number }>();
  for (const { r } of rows) {
    const key = `${r.academicYear}|${r.halfTerm}`;
    const point = points.get(key) ?? { academicYear: r.academicYear, halfTerm: r.halfTerm, label: `${halfTermLabel(r.halfTerm)} ${r.academicYear}`, targets: ragCounts(), actions: ragCounts(), reviews: 0 };
    point.reviews++;
    for (const [rag, n] of Object.entries(r.summary.targets)) { point.targets[rag] = (point.targets[rag] ?? 0) + n; point.targets.total! += n; }
    for (const [rag, n] of Object.entries(r.summary.actions)) { point.actions[rag] = (point.actions[rag] ?? 0) + n; point.actions.total! += n; }
    points.set(key, point);
  }

  const items = rows.length ? await db.select().from(reviewItems).where(inArray(reviewItems.reviewId, rows.map((r) => r.r.id))) : [];
  const reviewById = new Map(rows.map((r) => [r.r.id, r]));
  // A carried block's history starts with the block it came from: follow carriedFrom to the first.
  const parent = new Map<string, string>();
  for (const i of items) if (i.blockId && i.carriedFrom && i.carriedFrom !== i.blockId) parent.set(i.blockId, i.carriedFrom);
  const root = (id: string) => {
    let at = id;
    for (let n = 0; n < 20 && parent.has(at); n++) at = parent.get(at)!;
    return at;
  };
  const history = new Map<string, { blockId: string; type: string; text: string; entries: { reviewId: string; documentId: string; academicYear: string; halfTerm: string; label: string; order: number; rag: string; status: string | null; current: string | null; commentary: string }[] }>();
  for (const i of items) {
    const id = i.blockId ?? i.blockKey;
    const r = reviewById.get(i.reviewId)!.r;
    const key = root(id);
    const h = history.get(key) ?? { blockId: id, type: i.blockType, text: i.text, entries: [] };
    const order = reviewPointOrder(r.academicYear, r.halfTerm);
    h.entries.push({ reviewId: r.id, documentId: r.documentId, academicYear: r.academicYear, halfTerm: r.halfTerm, label: halfTermLabel(r.halfTerm), order, rag: i.rag, status: i.status, current: i.current, commentary: i.commentary });
    // The block's latest id and wording name its history.
    if (h.entries.every((e) => e.order <= order)) { h.blockId = id; h.text = i.text; }
    history.set(key, h);
  }
  return {
    reviews: rows.map(({ r, title, closedByName }) => presentReview(r, { documentTitle: title, closedByName })),
    points: [...points.values()],
    history: [...history.values()].map((h) => ({ ...h, entries: h.entries.sort((a, b) => a.order - b.order).map(({ order: _o, ...e }) => e) })),
  };
}
