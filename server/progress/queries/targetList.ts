/** The targets query: live targets in the caller's schools, filtered and paged, with their progress. */
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Rag } from "../../../shared/enums.js";
import { areaLabel } from "../../../shared/frameworks/index.js";
import type { Db } from "../../db/client.js";
import { documents, priorities, schools, targets } from "../../db/schema/index.js";
import type { TargetRow } from "../apiTypes.js";
import type { ListScope } from "./actionList.js";
import type { TargetQuery } from "./filters.js";
import { blockTitles } from "./blockTitles.js";
import { ownerNames } from "./people.js";

/** The first number in a measure ("62%", "0.85", "Y6: 72") or null. */
function numberIn(text: string): number | null {
  const match = /-?\d+(?:\.\d+)?/.exec(text.replace(/,/g, ""));
  return match ? Number(match[0]) : null;
}

/** How far `current` has come from `baseline` towards `goal`, 0 to 1; null unless all three are numbers. */
export function targetProgress(baseline: string, current: string, goal: string): number | null {
  const [b, c, g] = [numberIn(baseline), numberIn(current), numberIn(goal)];
  if (b === null || c === null || g === null || g === b) return null;
  return Math.min(1, Math.max(0, (c - b) / (g - b)));
}

/** The conditions shared by the targets list and the academy card. */
export function targetConditions(q: Partial<TargetQuery>, scope: Pick<ListScope, "schools" | "actorId" | "today">): SQL[] {
  const where: SQL[] = [isNull(targets.deletedAt), sql`not ${targets.placeholder}`, ne(documents.status, "archived")];
  if (scope.schools !== "all") where.push(inArray(targets.schoolId, scope.schools));
  if (q.schoolId) where.push(eq(targets.schoolId, q.schoolId));
  if (q.documentId) where.push(eq(targets.documentId, q.documentId));
  if (q.rag) where.push(inArray(targets.rag, q.rag));
  if (q.area) where.push(eq(targets.area, q.area));
  if (q.owner) where.push(sql`${targets.owners} @> array[${q.owner === "me" ? scope.actorId : q.owner}]::uuid[]`);
  // A target is overdue when its date has passed and it is not yet marked complete (blue) or met.
  const overdue = sql`coalesce(${targets.due} < ${scope.today} and ${targets.rag} <> 'blue' and ${targets.outcome} is distinct from 'met', false)`;
  if (q.overdue !== undefined) where.push(q.overdue ? overdue : sql`not ${overdue}`);
  return where;
}

/** One page of targets in document order, and how many match in all. */
export async function listTargets(
  db: Db,
  q: Partial<TargetQuery>,
  scope: ListScope,
  page: { limit: number; offset: number },
): Promise<{ rows: TargetRow[]; total: number }> {
  if (scope.schools !== "all" && scope.schools.length === 0) return { rows: [], total: 0 };
  const where = and(...targetConditions(q, scope));
  const [rows, counted] = await Promise.all([
    db
      .select({
        t: targets,
        documentTitle: documents.title,
        documentKind: documents.kind,
        schoolName: schools.name,
      })
      .from(targets)
      .innerJoin(documents, eq(documents.id, targets.documentId))
      .innerJoin(schools, eq(schools.id, targets.schoolId))
      .where(where)
      .orderBy(asc(schools.name), asc(documents.title), asc(targets.documentId), asc(targets.position))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(targets).innerJoin(documents, eq(documents.id, targets.documentId)).where(where),
  ]);
  const [names, priorityTitles] = await Promise.all([
    ownerNames(db, rows.map((r) => r.t)),
    blockTitles(db, priorities, rows.map((r) => ({ documentId: r.t.documentId, key: r.t.priorityKey }))),
  ]);
  return {
    total: counted[0]?.n ?? 0,
    rows: rows.map(({ t, ...r }) => {
      const id = t.blockId ?? t.blockKey;
      return {
        id,
        key: t.blockKey,
        document: { id: t.documentId, title: r.documentTitle, kind: r.documentKind },
        school: { id: t.schoolId, name: r.schoolName },
        priority: t.priorityKey ? (priorityTitles.get(`${t.documentId}|${t.priorityKey}`) ?? { id: t.priorityKey, title: "" }) : null,
        text: t.text,
        area: t.area,
        areaLabel: t.area ? areaLabel(null, t.area) : null,
        measure: t.measure,
        baseline: t.baseline,
        current: t.current,
        goal: t.goal,
        progress: targetProgress(t.baseline, t.current, t.goal),
        due: t.due,
        owners: names(t.owners),
        rag: t.rag as Rag,
        outcome: t.outcome,
        warnings: t.warnings,
        link: `/documents/${t.documentId}#block-${id}`,
        updatedAt: t.updatedAt.toISOString(),
      };
    }),
  };
}
