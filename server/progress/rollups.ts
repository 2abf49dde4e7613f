/**
 * Per-document totals (document_rollups): rebuilt from a document's live actions and targets
 * whenever a write changes what they count, in the writer's transaction. Rebuilt from the rows,
 * never adjusted by deltas, so they are as idempotent as the rows themselves.
 */
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { actions, documentRollups, documents, targets, type RollupCounts } from "../db/schema/index.js";
import { rowsOf } from "./queries/sefGrades.js";

/** The fields a row change must touch for the totals to move. */
export const COUNTED_FIELDS = ["rag", "status", "due", "area"] as const;

const emptyCounts = (): RollupCounts => ({ total: 0, rag: {}, status: {}, redAreas: {}, openDue: {} });
const bump = (map: Record<string, number>, key: string, n: number) => (map[key] = (map[key] ?? 0) + n);

interface Group {
  document_id: string;
  rag: string;
  status: string | null;
  area: string | null;
  due: string | null;
  n: number;
}

async function groups(db: Db, table: typeof actions | typeof targets, ids: string[]): Promise<Group[]> {
  const status = table === actions ? sql`${actions.status}` : sql`null::text`;
  const result = await db.execute(sql`
    select ${table.documentId} as document_id, ${table.rag} as rag, ${status} as status, ${table.area} as area, ${table.due}::text as due, count(*)::int as n
    from ${table}
    where ${and(inArray(table.documentId, ids), isNull(table.deletedAt))} and not ${table.placeholder}
    group by 1, 2, 3, 4, 5`);
  return rowsOf<Group>(result);
}

function add(counts: RollupCounts, g: Group): void {
  const n = Number(g.n);
  counts.total += n;
  bump(counts.rag, g.rag, n);
  if (g.status !== null) bump(counts.status, g.status, n);
  if (g.rag === "red" && g.area) bump(counts.redAreas, g.area, n);
  // Only actions have a status; a target's due date does not make anything overdue on the dashboard.
  if (g.status !== null && g.status !== "complete" && g.due) bump(counts.openDue, g.due.slice(0, 10), n);
}

/** Rebuilds the totals of these documents (all of them in one pass per table). */
export async function refreshRollups(db: Db, documentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(documentIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [docs, actionGroups, targetGroups] = [
      await db.select({ id: documents.id, schoolId: documents.schoolId }).from(documents).where(inArray(documents.id, chunk)),
      await groups(db, actions, chunk),
      await groups(db, targets, chunk),
    ];
    const totals = new Map(docs.map((d) => [d.id, { schoolId: d.schoolId, actions: emptyCounts(), targets: emptyCounts() }]));
    for (const g of actionGroups) {
      const t = totals.get(g.document_id);
      if (t) add(t.actions, g);
    }
    for (const g of targetGroups) {
      const t = totals.get(g.document_id);
      if (t) add(t.targets, g);
    }
    if (!totals.size) continue;
    await db
      .insert(documentRollups)
      .values([...totals].map(([documentId, t]) => ({ documentId, schoolId: t.schoolId, actions: t.actions, targets: t.targets, updatedAt: new Date() })))
      .onConflictDoUpdate({
        target: documentRollups.documentId,
        set: { schoolId: sql`excluded.school_id`, actions: sql`excluded.actions`, targets: sql`excluded.targets`, updatedAt: sql`excluded.updated_at` },
      });
  }
}

/** Overdue actions in a rollup: open actions due before today. */
export function overdueIn(counts: RollupCounts, today: string): number {
  let n = 0;
  for (const [due, count] of Object.entries(counts.openDue)) if (due < today) n += count;
  return n;
}
