/** CSV exports of the action and target lists: one row per block, with a link back to it. */
import { stringify } from "csv-stringify/sync";
import { ACTION_STATUS_LABELS, RAG_LABELS } from "../../shared/enums.js";
import type { ActionRow, TargetRow } from "./apiTypes.js";

/** Most rows one export holds; beyond that, filter. */
export const CSV_MAX_ROWS = 50_000;

// A cell starting with one of these runs as a formula in a spreadsheet: quote it (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const cell = (value: string | number | boolean | null | undefined) => {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
};
const names = (owners: { name: string }[]) => owners.map((o) => o.name).join("; ");

/** The actions as CSV, links made absolute with `base`. */
export function actionsCsv(rows: readonly ActionRow[], base: string): string {
  return stringify(
    rows.map((r) => [
      r.id, r.school.name, r.document.title, r.priority?.title ?? "", r.target?.title ?? "", r.text, names(r.owners),
      r.area ? (r.areaLabel ?? r.area) : "", r.start ?? "", r.due ?? "", RAG_LABELS[r.rag] ?? r.rag,
      ACTION_STATUS_LABELS[r.status] ?? r.status, r.overdue ? "yes" : "no", r.cost, r.successCriteria, `${base}${r.link}`,
    ].map(cell)),
    { header: true, columns: ["Id", "School", "Document", "Priority", "Target", "Action", "Owners", "Area", "Start", "Due", "RAG", "Status", "Overdue", "Cost", "Success criteria", "Link"], bom: true },
  );
}

/** The targets as CSV, links made absolute with `base`. */
export function targetsCsv(rows: readonly TargetRow[], base: string): string {
  return stringify(
    rows.map((r) => [
      r.id, r.school.name, r.document.title, r.priority?.title ?? "", r.text, r.area ? (r.areaLabel ?? r.area) : "",
      r.measure, r.baseline, r.current, r.goal, r.due ?? "", RAG_LABELS[r.rag] ?? r.rag, r.outcome ?? "", names(r.owners), `${base}${r.link}`,
    ].map(cell)),
    { header: true, columns: ["Id", "School", "Document", "Priority", "Target", "Area", "Measure", "Baseline", "Current", "Goal", "Due", "RAG", "Outcome", "Owners", "Link"], bom: true },
  );
}

/** `actions-2026-11-22.csv`: a name that sorts by date in a downloads folder. */
export const csvFilename = (what: "actions" | "targets", today: string) => `${what}-${today}.csv`;
