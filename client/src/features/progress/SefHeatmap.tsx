/**
 * The SEF heatmap: schools by framework areas. Each cell names its grade; the colour is placed on
 * that framework's own scale only, so a 2019 grade and a 2025 grade are never put side by side.
 */
import { FRAMEWORK_KEYS, FRAMEWORKS, isFrameworkKey } from "../../../../shared/frameworks/index.js";
import type { SefGrade, TrustSchoolRow } from "./progressApi.js";

/** The colour step (0 best … 4 worst) of a grade on its own framework's scale. */
function heatStep(grade: SefGrade): number {
  const fw = isFrameworkKey(grade.framework) ? FRAMEWORKS[grade.framework] : null;
  const scale = fw ? (grade.area === "safeguarding" ? fw.safeguarding.grades : fw.scale) : null;
  const worst = scale ? Math.max(...scale.map((g) => g.rank)) : 4;
  if (worst <= 0) return 0;
  return Math.round((grade.rank / worst) * 4);
}

/** Frameworks in the order FRAMEWORK_KEYS lists them: the current one (ofsted-2025) first. */
const frameworkOrder = (key: string) => {
  const i = (FRAMEWORK_KEYS as readonly string[]).indexOf(key);
  return i === -1 ? FRAMEWORK_KEYS.length : i;
};

/** One column per framework area seen in the data, the current framework first, each in its own area order. */
export function heatmapColumns(schools: TrustSchoolRow[]) {
  const seen = new Map<string, { framework: string; area: string; label: string }>();
  for (const s of schools) for (const g of s.sef) seen.set(`${g.framework}:${g.area}`, { framework: g.framework, area: g.area, label: g.areaLabel });
  const order = (c: { framework: string; area: string }) => {
    const fw = isFrameworkKey(c.framework) ? FRAMEWORKS[c.framework] : null;
    const i = fw ? fw.areas.findIndex((a) => a.key === c.area) : -1;
    return i === -1 ? 99 : i;
  };
  return [...seen.values()].sort((a, b) => frameworkOrder(a.framework) - frameworkOrder(b.framework) || a.framework.localeCompare(b.framework) || order(a) - order(b));
}

export function frameworkLabel(key: string): string {
  return isFrameworkKey(key) ? FRAMEWORKS[key].label : key;
}

/** A cell of the heatmap: the grade label, coloured on its framework's scale. */
export function HeatCell({ grade }: { grade: SefGrade | undefined }) {
  if (!grade) return <span className="pg-heat pg-heat-empty">Not graded</span>;
  return (
    <span className={`pg-heat pg-heat-${heatStep(grade)}`} title={`${grade.areaLabel}: ${grade.gradeLabel} (${frameworkLabel(grade.framework)})`}>
      {grade.gradeLabel}
    </span>
  );
}
