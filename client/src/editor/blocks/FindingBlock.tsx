/** A peer-review finding: a strength or an area for development, in an evaluation area. */
import type { NodeViewProps } from "@tiptap/react";
import { useMemo } from "react";
import type { FindingKind } from "../../../../shared/enumValues.js";
import { areaLabel, FRAMEWORKS } from "../../../../shared/frameworks/index.js";
import { FindingActions } from "../../features/governance/FindingActions.js";
import { usePlan } from "../PlanContext.js";
import { BlockFrame, useBlockAttrs, useSetAttr } from "./BlockFrame.js";
import { SelectField } from "./fields.js";

const KIND_OPTIONS: { value: FindingKind; label: string }[] = [
  { value: "strength", label: "Strength" },
  { value: "development", label: "Area for development" },
];

export function FindingBlock(props: NodeViewProps) {
  const { node, updateAttributes } = props;
  const { framework, readOnly } = usePlan();
  const { attrs, warnings } = useBlockAttrs("finding", node.attrs);
  const set = useSetAttr(updateAttributes);
  const fields = useMemo(
    () => (
      <>
        <SelectField label="Kind" value={attrs.kind} options={KIND_OPTIONS} onChange={(v) => set("kind", v)} disabled={readOnly} />
        <SelectField
          label="Area"
          value={attrs.area}
          options={FRAMEWORKS[framework].areas.map((a) => ({ value: a.key, label: a.label }))}
          empty="Choose an area"
          wide
          onChange={(v) => set("area", v)}
          disabled={readOnly}
        />
      </>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attrs, readOnly, framework],
  );
  const strength = attrs.kind === "strength";
  return (
    <BlockFrame
      type="finding"
      kindLabel={strength ? "Finding: strength" : "Finding: area for development"}
      hint={strength ? "What the reviewers saw working well, and the evidence" : "What should improve, and what the reviewers saw"}
      view={props}
      warnings={warnings}
      className={strength ? "pe-finding-strength" : "pe-finding-development"}
      badges={attrs.area && <span className="pe-chip">{areaLabel(framework, attrs.area)}</span>}
    >
      {fields}
      <FindingActions findingId={(node.attrs.id as string | null) ?? null} findingText={node.textContent} findingKind={attrs.kind} />
    </BlockFrame>
  );
}
