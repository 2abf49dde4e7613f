/**
 * The template each new document starts from (DESIGN section 2: document kinds). A template gives
 * structure and guidance only: headings, hints shown as placeholders, and empty blocks. An empty
 * block is a placeholder, never progress data, so nothing here has text, owners, dates, RAG or grades.
 */
import type * as Y from "yjs";
import type { DocumentKind } from "../enums.js";
import { FRAMEWORKS, SAFEGUARDING_AREA, type FrameworkKey } from "../frameworks/index.js";
import { writePlanNodes, type PlanNode } from "./planNodes.js";

export { writePlanNodes, type BlockSpec, type PlanNode } from "./planNodes.js";

export interface TemplateOptions {
  kind: DocumentKind;
  framework: FrameworkKey;
}

const h2 = (text: string): PlanNode => ({ type: "heading", level: 2, text });
const hint = (text: string): PlanNode => ({ type: "paragraph", hint: text });

/** A priority with one empty target and one empty action under it. */
function prioritySet(area: string | null = null, actions = 1): PlanNode[] {
  return [
    { type: "priority", attrs: { area } },
    { type: "target", attrs: { area } },
    ...Array.from({ length: actions }, (): PlanNode => ({ type: "action" })),
  ];
}

function singlePlan(): PlanNode[] {
  return [
    h2("Where we are now"),
    hint("In two or three sentences: the school's context this term and what this plan must change for pupils."),
    h2("Priorities this term"),
    hint("Three priorities at most. Name each one as an outcome for pupils, then the targets that show it and the actions that get there."),
    ...prioritySet(),
    ...prioritySet(),
    ...prioritySet(),
    h2("Monitoring and evaluation"),
    hint("Who checks progress, when (for example each half term at SLT and at the local governing board), and what evidence they look at."),
  ];
}

function adp(framework: FrameworkKey): PlanNode[] {
  const core = FRAMEWORKS[framework].areas.filter((a) => !a.optional);
  return [
    h2("Where we are now"),
    hint("Summarise what the SEF says: the strengths to build on and the areas this plan addresses."),
    h2("Strategic priorities for the year"),
    hint("One priority per area that needs it; delete the ones that do not apply. Each target should be measurable by the summer."),
    ...core.flatMap((a) => prioritySet(a.key)),
    h2("Monitoring, evaluation and review"),
    hint("The cycle: RAG updated each half term, reviewed by SLT, reported to the local governing board and the trust."),
    h2("Resources and CPD"),
    hint("Budget, staffing and training the plan depends on."),
  ];
}

function sef(framework: FrameworkKey): PlanNode[] {
  const f = FRAMEWORKS[framework];
  return [
    h2("School context"),
    hint("Pupil numbers, disadvantage, SEND, EAL, mobility, staffing changes and the last inspection."),
    h2(`Evaluation: ${f.label}`),
    hint(`For each area, the judgement you would reach today on this framework's own scale, then the evidence behind it. Remove early years or sixth form if the school has none.`),
    ...f.areas.map((a): PlanNode => ({ type: "judgement", attrs: { framework, area: a.key } })),
    { type: "judgement", attrs: { framework, area: SAFEGUARDING_AREA } },
    h2("Next steps"),
    hint("The priorities this evaluation leads to. Carry them into the ADP or Single Plan."),
  ];
}

function peerReview(): PlanNode[] {
  const finding = (kind: "strength" | "development"): PlanNode => ({ type: "finding", attrs: { kind } });
  return [
    h2("Review focus"),
    hint("What the review looked at, who took part, and the evidence seen: lesson visits, work scrutiny, pupil voice, data."),
    h2("Strengths"),
    finding("strength"),
    finding("strength"),
    h2("Areas for development"),
    finding("development"),
    finding("development"),
    h2("Agreed next steps"),
    hint("Turn each area for development into an owned action in the school's plan."),
  ];
}

function actionPlan(): PlanNode[] {
  return [
    h2("Why this plan is needed"),
    hint("The concern that triggered it: an inspection outcome, a safeguarding finding, or data. Quote the key sentence."),
    h2("Urgent priorities"),
    hint("No more than three. Each has a target measurable within six weeks, and actions with named owners and dates."),
    ...prioritySet(null, 2),
    ...prioritySet(null, 2),
    h2("Trust support and challenge"),
    hint("What the trust puts in (people, time, funding) and how often progress is checked, for example fortnightly with the CEO."),
    h2("Exit criteria"),
    hint("What must be true for the school to come off this plan."),
  ];
}

/** The template's nodes for a kind and framework. */
export function templateFor({ kind, framework }: TemplateOptions): PlanNode[] {
  switch (kind) {
    case "single_plan":
      return singlePlan();
    case "adp":
      return adp(framework);
    case "sef":
      return sef(framework);
    case "peer_review":
      return peerReview();
    case "action_plan":
      return actionPlan();
  }
}

/**
 * Writes the template into `doc.getXmlFragment('default')`, only when the fragment is empty, so
 * a document that already has text is never given a second copy. Returns whether it wrote.
 */
export function writeTemplate(doc: Y.Doc, options: TemplateOptions, origin: unknown = null): boolean {
  const fragment = doc.getXmlFragment("default");
  if (fragment.length > 0) return false;
  writePlanNodes(fragment, templateFor(options), { origin });
  return true;
}
