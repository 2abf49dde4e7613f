/** The latest SEF grade per school, framework and area: the judgement whose grade changed last. */
import { sql } from "drizzle-orm";
import { areaLabel, FRAMEWORKS, gradesFor, isFrameworkKey } from "../../../shared/frameworks/index.js";
import type { Db } from "../../db/client.js";
import type { SefGrade } from "../apiTypes.js";
import { rowsOf } from "../../db/rows.js";

/** The query behind latestSefGrades (the benchmark explains it). */
export function sefGradesSql(schoolId?: string) {
  return sql`
    select distinct on (j.school_id, j.framework, j.area) j.school_id, j.framework, j.area, j.grade, j.graded_at, j.document_id
    from judgements j
    join documents d on d.id = j.document_id
    where j.deleted_at is null and j.grade is not null and not j.placeholder
      and j.framework is not null and j.area is not null
      and d.kind = 'sef' and d.status <> 'archived'
      ${schoolId ? sql`and j.school_id = ${schoolId}` : sql``}
    order by j.school_id, j.framework, j.area, j.graded_at desc nulls last`;
}

/** Latest grades by school id; only live, written judgements of SEFs that are not archived count. */
export async function latestSefGrades(db: Db, schoolId?: string): Promise<Map<string, SefGrade[]>> {
  return sefGradesFromRows(rowsOf<SefGradeRow>(await db.execute(sefGradesSql(schoolId))));
}

/** A row of sefGradesSql. */
export interface SefGradeRow {
  school_id: string;
  framework: string;
  area: string;
  grade: string;
  graded_at: Date | string;
  document_id: string;
}

/** Grades by school id from sefGradesSql's rows (read alone, or inside another query). */
export function sefGradesFromRows(rows: readonly SefGradeRow[]): Map<string, SefGrade[]> {
  const out = new Map<string, SefGrade[]>();
  for (const r of rows) {
    if (!isFrameworkKey(r.framework)) continue;
    const grade = gradesFor(r.framework, r.area).find((g) => g.key === r.grade);
    if (!grade) continue;
    const list = out.get(r.school_id) ?? [];
    list.push({
      framework: r.framework,
      area: r.area,
      areaLabel: areaLabel(r.framework, r.area),
      grade: r.grade,
      gradeLabel: grade.label,
      rank: grade.rank,
      gradedAt: new Date(r.graded_at).toISOString(),
      documentId: r.document_id,
    });
    out.set(r.school_id, list);
  }
  // Frameworks in their own order, areas in the framework's order: never one scale against the other.
  for (const list of out.values()) {
    list.sort((a, b) => frameworkOrder(a.framework) - frameworkOrder(b.framework) || areaOrder(a) - areaOrder(b));
  }
  return out;
}

const frameworkOrder = (key: string) => Object.keys(FRAMEWORKS).indexOf(key);
function areaOrder(g: SefGrade): number {
  if (!isFrameworkKey(g.framework)) return 99;
  const i = FRAMEWORKS[g.framework].areas.findIndex((a) => a.key === g.area);
  return i < 0 ? 98 : i;
}

/** Re-exported for the modules that have always taken it from here. */
export { rowsOf };
