/** A SEF judgement: an area, a grade on that framework's own scale, and the evidence as the block's text. */
import type { NodeViewProps } from "@tiptap/react";
import { useMemo } from "react";
import { areaLabel, FRAMEWORKS, gradesFor, SAFEGUARDING_AREA } from "../../../../shared/frameworks/index.js";
import { usePlan } from "../PlanContext.js";
import { BlockFrame, useBlockAttrs } from "./BlockFrame.js";
import { SelectField } from "./fields.js";

export function JudgementBlock(props: NodeViewProps) {
  const { node, updateAttributes } = props;
  const plan = usePlan();
  const { attrs, warnings } = useBlockAttrs("judgement", node.attrs);
  // A judgement is graded on the framework it was written under, even in a document that moved on.
  const framework = attrs.framework ?? plan.framework;
  const f = FRAMEWORKS[framework];
  const grades = gradesFor(framework, attrs.area ?? "");
  const grade = grades.find((g) => g.key === attrs.grade);
  const fields = useMemo(
    () => (
      <>
        <SelectField
          label="Area"
          value={attrs.area}
          options={[...f.areas.map((a) => ({ value: a.key, label: a.label })), { value: SAFEGUARDING_AREA, label: f.safeguarding.label }]}
          empty="Choose an area"
          wide
          onChange={(v) => updateAttributes({ area: v, framework, grade: null })}
          disabled={plan.readOnly}
        />
        <SelectField
          label={attrs.area === SAFEGUARDING_AREA ? "Safeguarding" : "Grade"}
          value={attrs.grade}
          options={grades.map((g) => ({ value: g.key, label: g.label }))}
          empty="Not graded yet"
          onChange={(v) => updateAttributes({ grade: v, framework })}
          disabled={plan.readOnly}
        />
        <span className="pe-field pe-muted pe-framework">{f.label}</span>
      </>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attrs, plan.readOnly, framework],
  );
  const area = attrs.area ? areaLabel(framework, attrs.area) : "an area";
  const optional = f.areas.find((a) => a.key === attrs.area)?.optional;
  return (
    <BlockFrame
      type="judgement"
      kindLabel={attrs.area ? `Judgement: ${area}` : "Judgement"}
      hint={`Evidence for ${area.toLowerCase()}: what you know, how you know it, and what it shows${optional ? ". Remove this judgement if the school has no such provision" : ""}`}
      view={props}
      warnings={warnings}
      badges={<span className={`pe-chip pe-grade pe-grade-${grade?.rank ?? "none"}`} data-grade={attrs.grade ?? ""}>{grade?.label ?? "Not graded"}</span>}
    >
      {fields}
    </BlockFrame>
  );
}
