/** "Changes since approval" in words for paper: field names and values as a reader says them. */
import { ACTION_STATUS_LABELS, RAG_LABELS, type ActionStatus, type Rag } from "../../shared/enums.js";
import { anyGradeLabel, areaLabel } from "../../shared/frameworks/index.js";
import type { BlockChange } from "../documents/versionDiff.js";
import type { Table } from "./content.js";
import { ukDay } from "./format.js";

const FIELD_LABELS: Record<string, string> = {
  text: "Wording", rag: "RAG", status: "Status", due: "Due", start: "Start", owners: "Owners",
  current: "Current value", goal: "Goal", baseline: "Baseline", measure: "Measure", outcome: "Outcome",
  area: "Area", grade: "Grade", kind: "Kind",
};
const TYPE_LABELS: Record<string, string> = { priority: "Priority", target: "Target", action: "Action", judgement: "Judgement", finding: "Finding", prose: "Section" };
const KIND_LABELS: Record<string, string> = { strength: "Strength", development: "Area for development" };
const OUTCOME_LABELS: Record<string, string> = { not_met: "Not met", partially_met: "Partially met", met: "Met" };

/** One value of one field, in words; owner ids become names. */
function valueWords(field: string, value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return field === "owners" ? "nobody" : "not set";
  if (field === "rag") return RAG_LABELS[value as Rag] ?? String(value);
  if (field === "status") return ACTION_STATUS_LABELS[value as ActionStatus] ?? String(value);
  if (field === "due" || field === "start") return ukDay(String(value));
  if (field === "owners") return (value as string[]).map((id) => names.get(id) ?? "an unlisted person").join(", ");
  if (field === "outcome") return OUTCOME_LABELS[String(value)] ?? String(value);
  if (field === "area") return areaLabel(null, String(value));
  if (field === "grade") return anyGradeLabel(String(value));
  if (field === "kind") return KIND_LABELS[String(value)] ?? String(value);
  return field === "text" ? `“${String(value)}”` : String(value);
}

/** Owner ids the changes mention, before and after. */
export const changeOwnerIds = (changes: readonly BlockChange[]): string[] =>
  changes.flatMap((c) => c.fields.filter((f) => f.field === "owners").flatMap((f) => [...((f.from as string[]) ?? []), ...((f.to as string[]) ?? [])]));

/** The changes as a table: what changed, and how. */
export function changesTable(changes: readonly BlockChange[], names: ReadonlyMap<string, string>): Table {
  return {
    kind: "table",
    caption: "Changes since approval",
    headers: ["Change", "What", "What changed"],
    widths: [12, 40, 48],
    rows: changes.map((c) => [
      { text: c.change === "added" ? "Added" : c.change === "removed" ? "Removed" : "Changed" },
      { text: `${TYPE_LABELS[c.type] ?? c.type}: ${c.text}` },
      { text: c.fields.map((f) => `${FIELD_LABELS[f.field] ?? f.field} from ${valueWords(f.field, f.from, names)} to ${valueWords(f.field, f.to, names)}`).join("\n") },
    ]),
  };
}
