/**
 * Per-document totals (document_rollups, rollup_red_areas): rebuilt from a document's live
 * actions and targets whenever a write changes what they count, inside the writer's locked
 * transaction. Rebuilt from the rows, never adjusted by deltas, so they are as idempotent as
 * the rows themselves.
 */
import { and, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { actions, documentRollups, documents, rollupRedAreas, targets } from "../db/schema/index.js";
import { todayInEngland } from "./queries/filters.js";
import { rowsOf } from "./queries/sefGrades.js";

/** The fields a row change must touch for the totals to move. */
export const COUNTED_FIELDS = ["rag", "status", "due", "area"] as const;

type RollupRow = typeof documentRollups.$inferInsert;
type RedArea = typeof rollupRedAreas.$inferInsert;

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

const RAG_COLUMN = { red: "Red", amber: "Amber", green: "Green", blue: "Blue", none: "None" } as const;
const STATUS_COLUMN = { not_started: "NotStarted", in_progress: "InProgress", complete: "Complete", dropped: "Dropped" } as const;

/** Rebuilds the totals of these documents, with overdue counted for `today`. */
export async function refreshRollups(db: Db, documentIds: readonly string[], today = todayInEngland()): Promise<void> {
  const ids = [...new Set(documentIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const docs = await db.select({ id: documents.id, schoolId: documents.schoolId }).from(documents).where(inArray(documents.id, chunk));
    if (!docs.length) continue;
    const rows = new Map<string, RollupRow & Record<string, unknown>>(
      docs.map((d) => [d.id, { documentId: d.id, schoolId: d.schoolId, countedOn: today, nextDue: null, overdueByRag: {}, openAreas: [], updatedAt: new Date() }]),
    );
    const red = new Map<string, RedArea>();
    const add = (kind: "actions" | "targets", g: Group) => {
      const row = rows.get(g.document_id);
      if (!row) return;
      const n = Number(g.n);
      const bump = (column: string) => (row[column] = ((row[column] as number | undefined) ?? 0) + n);
      bump(`${kind}Total`);
      if (g.rag in RAG_COLUMN) bump(`${kind}${RAG_COLUMN[g.rag as keyof typeof RAG_COLUMN]}`);
      if (g.rag === "red" && g.area) {
        const blockType = kind === "actions" ? "action" : "target";
        const k = `${g.document_id}|${blockType}|${g.area}`;
        const entry = red.get(k) ?? { documentId: g.document_id, schoolId: row.schoolId, blockType, area: g.area, n: 0 };
        entry.n += n;
        red.set(k, entry);
      }
      if (kind !== "actions" || g.status === null) return;
      if (g.status in STATUS_COLUMN) bump(`actions${STATUS_COLUMN[g.status as keyof typeof STATUS_COLUMN]}`);
      if (g.area && g.status !== "complete" && g.status !== "dropped" && !row.openAreas!.includes(g.area)) row.openAreas = [...row.openAreas!, g.area].sort();
      // Overdue: due before today and not complete (DESIGN section 2). nextDue is when that count next moves.
      if (g.status === "complete" || !g.due) return;
      if (g.due < today) {
        bump("actionsOverdue");
        // By RAG with the oldest due date: what the early-warning flags stand on (flags/flagFacts.ts).
        const byRag = row.overdueByRag!;
        const seen = byRag[g.rag];
        byRag[g.rag] = { n: (seen?.n ?? 0) + n, oldest: seen && seen.oldest < g.due ? seen.oldest : g.due };
      }
      else if (!row.nextDue || g.due < row.nextDue) row.nextDue = g.due;
    };
    for (const g of await groups(db, actions, chunk)) add("actions", g);
    for (const g of await groups(db, targets, chunk)) add("targets", g);

    const values = [...rows.values()];
    const columns = getTableColumns(documentRollups) as Record<string, { name: string }>;
    const set = Object.fromEntries(Object.entries(columns).filter(([k]) => k !== "documentId").map(([k, c]) => [k, sql.raw(`excluded."${c.name}"`)]));
    await db.insert(documentRollups).values(values).onConflictDoUpdate({ target: documentRollups.documentId, set });
    await db.delete(rollupRedAreas).where(inArray(rollupRedAreas.documentId, chunk));
    if (red.size) await db.insert(rollupRedAreas).values([...red.values()]);
  }
}

/**
 * Recounts documents whose overdue figure went stale (an open action fell due since it was
 * counted), each under its document's extraction lock so a concurrent write is never undone.
 */
export async function refreshStaleRollups(db: Db, documentIds: readonly string[], today = todayInEngland()): Promise<void> {
  for (const id of documentIds) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`progress:${id}`}, 0))`);
      await refreshRollups(tx as unknown as Db, [id], today);
    });
  }
}

/** Whether a rollup's overdue count still holds today. */
export const rollupIsCurrent = (r: { countedOn: string; nextDue: string | null }, today: string) =>
  r.countedOn <= today && (r.nextDue === null || r.nextDue >= today);

/** Overdue actions of documents whose rollups went stale, counted from the rows: document id -> count. */
export async function countOverdue(db: Db, documentIds: readonly string[], today: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!documentIds.length) return out;
  const rows = await db
    .select({ documentId: actions.documentId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(actions)
    .where(and(inArray(actions.documentId, [...documentIds]), isNull(actions.deletedAt), sql`not ${actions.placeholder}`, sql`${actions.status} <> 'complete'`, sql`${actions.due} < ${today}`))
    .groupBy(actions.documentId);
  for (const r of rows) out.set(r.documentId, r.n);
  return out;
}
