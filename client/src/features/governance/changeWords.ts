/** Words for "changes since approval": field names and values as a reader says them (names, not ids). */
import { ACTION_STATUS_LABELS, RAG_LABELS, type ActionStatus, type Rag } from "../../../../shared/enumValues.js";
import { anyGradeLabel, areaLabel } from "../../../../shared/frameworks/index.js";
import { formatDate } from "../../components/dates.js";

const FIELD_LABELS: Record<string, string> = {
  text: "Text",
  rag: "RAG",
  status: "Status",
  due: "Due",
  start: "Start",
  owners: "Owners",
  current: "Current value",
  goal: "Goal",
  baseline: "Baseline",
  measure: "Measure",
  outcome: "Outcome",
  area: "Area",
  grade: "Grade",
  kind: "Kind",
};

const TYPE_LABELS: Record<string, string> = { priority: "Priority", target: "Target", action: "Action", judgement: "Judgement", finding: "Finding", prose: "Section" };
const KIND_LABELS: Record<string, string> = { strength: "Strength", development: "Area for development" };

/** What kind of thing changed, in words ("Target", "Section" for prose under a heading). */
export const changeTypeLabel = (type: string) => TYPE_LABELS[type] ?? type;

const OUTCOME_LABELS: Record<string, string> = { not_met: "Not met", partially_met: "Partially met", met: "Met" };

/** A tracked field's name in words ("Due", "RAG"). */
export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

/** One value of one field, in words; `names` turns owner ids into people's names. */
export function valueWords(field: string, value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
    return field === "owners" ? "nobody" : "not set";
  }
  switch (field) {
    case "rag":
      return RAG_LABELS[value as Rag] ?? String(value);
    case "status":
      return ACTION_STATUS_LABELS[value as ActionStatus] ?? String(value);
    case "due":
    case "start":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(`${value}T12:00:00`) : String(value);
    case "owners":
      return (value as string[]).map((id) => names.get(id) ?? "an unlisted person").join(", ");
    case "outcome":
      return OUTCOME_LABELS[String(value)] ?? String(value);
    case "area":
      return areaLabel(null, String(value));
    case "grade":
      return anyGradeLabel(String(value));
    case "kind":
      return KIND_LABELS[String(value)] ?? String(value);
    case "text":
      return `“${String(value)}”`;
    default:
      return String(value);
  }
}

/** Scrolls the editor to a block and marks it, as a `#block-<id>` link does on load. */
export function goToBlock(blockId: string): boolean {
  const el = document.getElementById(`block-${blockId}`);
  if (!el) return false;
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  el.classList.add("pe-linked");
  setTimeout(() => el.classList.remove("pe-linked"), 2500);
  history.replaceState(history.state, "", `#block-${blockId}`);
  return true;
}
