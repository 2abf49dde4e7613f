/** A priority: a heading-like title and the evaluation area it improves. */
import type { NodeViewProps } from "@tiptap/react";
import { useMemo } from "react";
import { areaLabel, FRAMEWORKS } from "../../../../shared/frameworks/index.js";
import { usePlan } from "../PlanContext.js";
import { BlockFrame, useBlockAttrs, useSetAttr } from "./BlockFrame.js";
import { SelectField } from "./fields.js";

export function PriorityBlock(props: NodeViewProps) {
  const { node, updateAttributes } = props;
  const { framework, readOnly } = usePlan();
  const { attrs, warnings } = useBlockAttrs("priority", node.attrs);
  const set = useSetAttr(updateAttributes);
  const areas = FRAMEWORKS[framework].areas.map((a) => ({ value: a.key, label: a.label }));
  const fields = useMemo(
    () => <SelectField label="Evaluation area" value={attrs.area} options={areas} empty="No area" wide onChange={(v) => set("area", v)} disabled={readOnly} />,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attrs, readOnly, framework],
  );
  return (
    <BlockFrame
      type="priority"
      kindLabel="Priority"
      hint="Name the priority as an outcome for pupils"
      view={props}
      warnings={warnings}
      badges={attrs.area && <span className="pe-chip">{areaLabel(framework, attrs.area)}</span>}
    >
      {fields}
    </BlockFrame>
  );
}
