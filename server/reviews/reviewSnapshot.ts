/**
 * A review's snapshot: every live target and action of the plan as the progress tables hold it
 * now, and the summary the early-warning flags read (RAG counts, red again, RAG fallen) against
 * the previous review point.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { RAGS } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { actions, targets, type ReviewSummary } from "../db/schema/index.js";

/** One snapshot row before it is stored against a review. */
export interface SnapshotItem {
  blockKey: string;
  blockId: string | null;
  blockType: "target" | "action";
  carriedFrom: string | null;
  position: number;
  text: string;
  rag: string;
  status: string | null;
  current: string | null;
  outcome: string | null;
  due: string | null;
  commentary: string;
}

/** The plan's live targets and actions, in document order. */
export async function takeSnapshot(db: Db, documentId: string): Promise<SnapshotItem[]> {
  const live = (t: typeof targets | typeof actions) => and(eq(t.documentId, documentId), isNull(t.deletedAt), sql`not ${t.placeholder}`);
  const [ts, as] = await Promise.all([
    db.select().from(targets).where(live(targets)).orderBy(asc(targets.position)),
    db.select().from(actions).where(live(actions)).orderBy(asc(actions.position)),
  ]);
  const items: (Omit<SnapshotItem, "position"> & { order: number })[] = [
    ...ts.map((t) => ({
      blockKey: t.blockKey, blockId: t.blockId, blockType: "target" as const, carriedFrom: t.carriedFrom, order: t.position, text: t.text,
      rag: t.rag, status: null, current: t.current, outcome: t.outcome, due: t.due, commentary: "",
    })),
    ...as.map((a) => ({
      blockKey: a.blockKey, blockId: a.blockId, blockType: "action" as const, carriedFrom: a.carriedFrom, order: a.position, text: a.text,
      rag: a.rag, status: a.status, current: null, outcome: null, due: a.due, commentary: "",
    })),
  ];
  items.sort((x, y) => x.order - y.order);
  return items.map(({ order: _order, ...item }, i) => ({ ...item, position: i }));
}

/** Worst first: a move up this list is a fall. Blue (complete) and green are both good; none is not rated. */
const RAG_RANK: Record<string, number> = { blue: 0, green: 1, amber: 2, red: 3 };

const ragCounts = () => Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<string, number>;

/** Counts and moves of a snapshot against the previous review's items (matched by block id or carriedFrom). */
export function summarise(
  items: readonly Pick<SnapshotItem, "blockId" | "blockType" | "carriedFrom" | "rag">[],
  previous: { id: string; halfTerm: string; items: readonly Pick<SnapshotItem, "blockId" | "rag">[] } | null,
): ReviewSummary {
  const summary: ReviewSummary = { targets: ragCounts(), actions: ragCounts(), redAgain: 0, fell: 0, previousReviewId: previous?.id ?? null, previousHalfTerm: previous?.halfTerm ?? null };
  const before = new Map<string, string>();
  for (const p of previous?.items ?? []) if (p.blockId) before.set(p.blockId, p.rag);
  for (const item of items) {
    const counts = item.blockType === "target" ? summary.targets : summary.actions;
    counts[item.rag] = (counts[item.rag] ?? 0) + 1;
    const was = (item.blockId && before.get(item.blockId)) || (item.carriedFrom && before.get(item.carriedFrom)) || null;
    if (!was) continue;
    if (was === "red" && item.rag === "red") summary.redAgain++;
    const from = RAG_RANK[was];
    const to = RAG_RANK[item.rag];
    if (from !== undefined && to !== undefined && to > from) summary.fell++;
  }
  return summary;
}
