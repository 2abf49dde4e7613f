/** Each block type in the reading view: labels and values as text, RAG as a labelled chip, never a form control. */
import type { NodeViewProps } from "@tiptap/react";
import { ACTION_STATUS_LABELS, type Outcome } from "../../../../shared/enumValues.js";
import { areaLabel, FRAMEWORKS, gradesFor } from "../../../../shared/frameworks/index.js";
import { formatDay } from "../../components/dates.js";
import { useBlockAttrs } from "../blocks/BlockFrame.js";
import { RagBadge } from "../blocks/fields.js";
import { usePlan } from "../PlanContext.js";
import { ReadingFrame } from "./ReadingFrame.js";

const OUTCOME_LABELS: Record<Outcome, string> = { not_met: "Not met", partially_met: "Partially met", met: "Met" };
const day = (d: string | null) => (d ? formatDay(d) : "");

/** Owner ids as the people's names. */
function useOwnerNames(owners: readonly string[]): string {
  const { peopleById } = usePlan();
  return owners.map((id) => peopleById.get(id)?.name ?? "Someone no longer at the school").join(", ");
}

/** A priority for reading. */
export function ReadingPriority({ node }: NodeViewProps) {
  const { framework } = usePlan();
  const { attrs } = useBlockAttrs("priority", node.attrs);
  return <ReadingFrame type="priority" kindLabel="Priority" node={node} facts={[{ label: "Area", value: attrs.area ? areaLabel(framework, attrs.area) : "" }]} />;
}

/** A target for reading. */
export function ReadingTarget({ node }: NodeViewProps) {
  const { attrs } = useBlockAttrs("target", node.attrs);
  const owners = useOwnerNames(attrs.owners);
  return (
    <ReadingFrame
      type="target"
      kindLabel="Target"
      node={node}
      className={`pe-rag-edge-${attrs.rag}`}
      badges={<RagBadge rag={attrs.rag} />}
      facts={[
        { label: "Measure", value: attrs.measure },
        { label: "Baseline", value: attrs.baseline },
        { label: "Current", value: attrs.current },
        { label: "Goal", value: attrs.goal },
        { label: "Due", value: day(attrs.due) },
        { label: "Owners", value: owners || "No owner yet" },
        { label: "Outcome at review", value: attrs.outcome ? OUTCOME_LABELS[attrs.outcome] : "" },
      ]}
    />
  );
}

/** An action for reading. */
export function ReadingAction({ node }: NodeViewProps) {
  const { targets } = usePlan();
  const { attrs } = useBlockAttrs("action", node.attrs);
  const owners = useOwnerNames(attrs.owners);
  const overdue = attrs.due !== null && attrs.due < new Date().toISOString().slice(0, 10) && attrs.status !== "complete";
  return (
    <ReadingFrame
      type="action"
      kindLabel="Action"
      node={node}
      className={`pe-rag-edge-${attrs.rag}`}
      badges={
        <>
          <RagBadge rag={attrs.rag} />
          <span className={`pe-chip pe-status-${attrs.status}`}>{ACTION_STATUS_LABELS[attrs.status]}</span>
          {overdue && <span className="pe-chip pe-overdue">Overdue</span>}
        </>
      }
      facts={[
        { label: "Owners", value: owners || "No owner yet" },
        { label: "Start", value: day(attrs.start) },
        { label: "Due", value: day(attrs.due) },
        { label: "Linked target", value: attrs.targetId ? (targets.label(attrs.targetId) ?? "") : "", wide: true },
        { label: "Success criteria", value: attrs.successCriteria, wide: true },
        { label: "Cost", value: attrs.cost },
      ]}
    />
  );
}

/** A SEF judgement for reading, graded on its own framework's scale. */
export function ReadingJudgement({ node }: NodeViewProps) {
  const plan = usePlan();
  const { attrs } = useBlockAttrs("judgement", node.attrs);
  const framework = attrs.framework ?? plan.framework;
  const grade = gradesFor(framework, attrs.area ?? "").find((g) => g.key === attrs.grade);
  const area = attrs.area ? areaLabel(framework, attrs.area) : null;
  return (
    <ReadingFrame
      type="judgement"
      kindLabel={area ? `Judgement: ${area}` : "Judgement"}
      node={node}
      badges={<span className={`pe-chip pe-grade pe-grade-${grade?.rank ?? "none"}`} data-grade={attrs.grade ?? ""}>{grade?.label ?? "Not graded"}</span>}
      facts={[{ label: "Framework", value: FRAMEWORKS[framework].label, wide: true }]}
    />
  );
}

/** A peer-review finding for reading. */
export function ReadingFinding({ node }: NodeViewProps) {
  const { framework } = usePlan();
  const { attrs } = useBlockAttrs("finding", node.attrs);
  const strength = attrs.kind === "strength";
  return (
    <ReadingFrame
      type="finding"
      kindLabel={strength ? "Finding: strength" : "Finding: area for development"}
      node={node}
      className={strength ? "pe-finding-strength" : "pe-finding-development"}
      facts={[{ label: "Area", value: attrs.area ? areaLabel(framework, attrs.area) : "" }]}
    />
  );
}
