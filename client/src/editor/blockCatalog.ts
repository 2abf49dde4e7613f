/** What can be inserted into a plan, as the toolbar and the slash menu both list it. */
import type { BlockType } from "../../../shared/blocks/schema.js";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";

export interface BlockChoice {
  /** Stable key for tests and the slash command ("/action"). */
  key: string;
  type: BlockType;
  label: string;
  description: string;
  /** Extra words the slash menu matches on. */
  keywords: string[];
  /** Attributes a new block starts with, given the document. */
  attrs?: (ctx: { framework: FrameworkKey }) => Record<string, unknown>;
}

export const BLOCK_CHOICES: readonly BlockChoice[] = [
  { key: "priority", type: "priority", label: "Priority", description: "A heading for a plan priority, tied to an evaluation area", keywords: ["heading", "aim", "objective"] },
  { key: "target", type: "target", label: "Target", description: "A measurable target: baseline, goal, due date, owners, RAG", keywords: ["measure", "kpi", "goal", "outcome"] },
  { key: "action", type: "action", label: "Action", description: "What will be done: owners, dates, status, RAG, success criteria", keywords: ["task", "todo", "step"] },
  {
    key: "judgement", type: "judgement", label: "Judgement", description: "A SEF judgement: area, grade on the framework's scale, evidence",
    keywords: ["sef", "grade", "evaluation", "ofsted"], attrs: ({ framework }) => ({ framework }),
  },
  { key: "strength", type: "finding", label: "Finding: strength", description: "A peer-review finding about what works well", keywords: ["finding", "review", "positive"], attrs: () => ({ kind: "strength" }) },
  {
    key: "development", type: "finding", label: "Finding: area for development", description: "A peer-review finding about what should improve",
    keywords: ["finding", "review", "improve", "afd"], attrs: () => ({ kind: "development" }),
  },
];

/** Choices whose key, label or keywords start with the query ("/act" finds Action). */
export function matchChoices(query: string): BlockChoice[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...BLOCK_CHOICES];
  const words = (c: BlockChoice) => [c.key, ...c.label.toLowerCase().split(/[\s:]+/), ...c.keywords];
  return BLOCK_CHOICES.filter((c) => words(c).some((w) => w.startsWith(q)) || c.label.toLowerCase().includes(q));
}
