/** The action tracker's query: live actions in the caller's schools, filtered, paged, with names resolved. */
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { ActionStatus, Rag } from "../../../shared/enums.js";
import { areaLabel } from "../../../shared/frameworks/index.js";
import type { Db } from "../../db/client.js";
import { actions, documents, priorities, schools, targets } from "../../db/schema/index.js";
import type { ActionRow } from "../apiTypes.js";
import type { ActionQuery } from "./filters.js";
import { blockTitles } from "./blockTitles.js";
import { ownerNames } from "./people.js";

/** Who is asking, reduced to what the queries need. */
export interface ListScope {
  /** The schools the actor may read (from the policy module). */
  schools: "all" | string[];
  actorId: string;
  /** YYYY-MM-DD; an action due before it and not complete is overdue. */
  today: string;
}

/** Whether an action is overdue: its due date has passed and it is not complete (DESIGN section 2). */
export const isOverdue = (due: string | null, status: string, today: string) => due !== null && due < today && status !== "complete";

/** The SQL twin of isOverdue, false (never null) when there is no due date. */
export const overdueSql = (today: string) => sql`coalesce(${actions.due} < ${today} and ${actions.status} <> 'complete', false)`;

/** The tracker's first sort key; the same expression as actions_order_idx, or the planner will not use it. */
const completeLast = sql`(${actions.status} = 'complete')`;

function conditions(q: ActionQuery, scope: ListScope): SQL[] {
  // NOT placeholder (rather than = false) so the planner matches the partial indexes' predicate.
  const where: SQL[] = [isNull(actions.deletedAt), sql`not ${actions.placeholder}`, ne(documents.status, "archived")];
  if (scope.schools !== "all") where.push(inArray(actions.schoolId, scope.schools));
  if (q.schoolId) where.push(eq(actions.schoolId, q.schoolId));
  if (q.documentId) where.push(eq(actions.documentId, q.documentId));
  if (q.rag) where.push(inArray(actions.rag, q.rag));
  if (q.status) where.push(inArray(actions.status, q.status));
  if (q.area) where.push(eq(actions.area, q.area));
  if (q.owner) where.push(sql`${actions.owners} @> array[${q.owner === "me" ? scope.actorId : q.owner}]::uuid[]`);
  if (q.overdue !== undefined) where.push(q.overdue ? overdueSql(scope.today) : sql`not ${overdueSql(scope.today)}`);
  return where;
}

/** The page and count queries of an action list (the benchmark explains these very queries). */
export function actionListQueries(db: Db, q: ActionQuery, scope: ListScope, page: { limit: number; offset: number }) {
  const where = and(...conditions(q, scope));
  return {
    page: db
      .select({
        a: actions,
        documentTitle: documents.title,
        documentKind: documents.kind,
        schoolName: schools.name,
      })
      .from(actions)
      .innerJoin(documents, eq(documents.id, actions.documentId))
      .innerJoin(schools, eq(schools.id, actions.schoolId))
      .where(where)
      // Open actions first, soonest due; completed ones after. Ties group by school id rather than
      // name, so actions_order_idx gives this order and a trust-wide first page reads 50 rows.
      .orderBy(completeLast, sql`${actions.due} asc nulls last`, asc(actions.schoolId), asc(actions.documentId), asc(actions.position))
      .limit(page.limit)
      .offset(page.offset),
    count: db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(actions)
      .innerJoin(documents, eq(documents.id, actions.documentId))
      .where(where),
  };
}

/** One page of actions, soonest due first (undated last), and how many match in all. */
export async function listActions(
  db: Db,
  q: ActionQuery,
  scope: ListScope,
  page: { limit: number; offset: number },
): Promise<{ rows: ActionRow[]; total: number }> {
  if (scope.schools !== "all" && scope.schools.length === 0) return { rows: [], total: 0 };
  const queries = actionListQueries(db, q, scope, page);
  const [rows, counted] = await Promise.all([queries.page, queries.count]);
  const [names, priorityTitles, targetTitles] = await Promise.all([
    ownerNames(db, rows.map((r) => r.a)),
    blockTitles(db, priorities, rows.map((r) => ({ documentId: r.a.documentId, key: r.a.priorityKey }))),
    blockTitles(db, targets, rows.map((r) => ({ documentId: r.a.documentId, key: r.a.targetKey }))),
  ]);
  return {
    total: counted[0]?.n ?? 0,
    rows: rows.map(({ a, ...r }) => {
      const id = a.blockId ?? a.blockKey;
      const priority = a.priorityKey ? (priorityTitles.get(`${a.documentId}|${a.priorityKey}`) ?? { id: a.priorityKey, title: "" }) : null;
      const target = a.targetKey ? (targetTitles.get(`${a.documentId}|${a.targetKey}`) ?? { id: a.targetKey, title: "" }) : null;
      return {
        id,
        key: a.blockKey,
        document: { id: a.documentId, title: r.documentTitle, kind: r.documentKind },
        school: { id: a.schoolId, name: r.schoolName },
        priority,
        targetId: target?.id ?? null,
        target,
        findingId: a.findingId,
        text: a.text,
        owners: names(a.owners),
        start: a.start,
        due: a.due,
        rag: a.rag as Rag,
        status: a.status as ActionStatus,
        overdue: isOverdue(a.due, a.status, scope.today),
        area: a.area,
        areaLabel: a.area ? areaLabel(null, a.area) : null,
        cost: a.cost,
        successCriteria: a.successCriteria,
        warnings: a.warnings,
        link: `/documents/${a.documentId}#block-${id}`,
        updatedAt: a.updatedAt.toISOString(),
      };
    }),
  };
}
