/** A target: what will be measurably different, with its measure, baseline, goal, current value, date, owners and RAG. */
import type { NodeViewProps } from "@tiptap/react";
import { useMemo } from "react";
import { OUTCOMES, type Outcome } from "../../../../shared/enumValues.js";
import { usePlan } from "../PlanContext.js";
import { BlockFrame, useBlockAttrs, useSetAttr } from "./BlockFrame.js";
import { DateField, OwnersField, RagBadge, RagField, SelectField, TextField } from "./fields.js";

const OUTCOME_LABELS: Record<Outcome, string> = { not_met: "Not met", partially_met: "Partially met", met: "Met" };
const OUTCOME_OPTIONS = OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }));

export function TargetBlock(props: NodeViewProps) {
  const { node, updateAttributes } = props;
  const { readOnly } = usePlan();
  const { attrs, warnings } = useBlockAttrs("target", node.attrs);
  const set = useSetAttr(updateAttributes);
  const fields = useMemo(
    () => (
      <>
        <TextField label="Measure" value={attrs.measure} placeholder="e.g. persistent absence" onCommit={(v) => set("measure", v)} disabled={readOnly} />
        <TextField label="Baseline" value={attrs.baseline} onCommit={(v) => set("baseline", v)} disabled={readOnly} />
        <TextField label="Goal" value={attrs.goal} onCommit={(v) => set("goal", v)} disabled={readOnly} />
        <TextField label="Current" value={attrs.current} onCommit={(v) => set("current", v)} disabled={readOnly} />
        <DateField label="Due" value={attrs.due} onCommit={(v) => set("due", v)} disabled={readOnly} />
        <RagField value={attrs.rag} onChange={(v) => set("rag", v)} disabled={readOnly} />
        <SelectField label="Outcome at review" value={attrs.outcome} options={OUTCOME_OPTIONS} empty="Not yet reviewed" onChange={(v) => set("outcome", v)} disabled={readOnly} />
        <OwnersField value={attrs.owners} onChange={(v) => set("owners", v)} disabled={readOnly} />
      </>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attrs, readOnly],
  );
  return (
    <BlockFrame
      type="target"
      kindLabel="Target"
      hint="What will be measurably different, and for which pupils"
      view={props}
      warnings={warnings}
      className={`pe-rag-edge-${attrs.rag}`}
      badges={<RagBadge rag={attrs.rag} />}
    >
      {fields}
    </BlockFrame>
  );
}
