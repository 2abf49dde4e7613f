/**
 * A document's Y.XmlFragment as export parts, in document order: prose as it is, priorities as
 * headings, and each run of targets, actions, judgements or findings as one table. It reads Yjs
 * directly, like the extractor, with no ProseMirror on the server.
 */
import * as Y from "yjs";
import type { BlockAttrsByType, BlockType } from "../../shared/blocks/schema.js";
import { ACTION_STATUS_LABELS, RAG_LABELS, type Outcome } from "../../shared/enums.js";
import { areaLabel, FRAMEWORKS, gradesFor, type FrameworkKey } from "../../shared/frameworks/index.js";
import { blockElements, elementText, FRAGMENT_NAME, isBlockElement, readBlockSelf, type BlockSelf } from "../progress/blockReader.js";
import type { Cell, Part, Run, Table } from "./content.js";
import { ukDay } from "./format.js";

/** What turning blocks into words needs: the document's framework and its owners' names. */
export interface PartsContext {
  framework: FrameworkKey;
  names: ReadonlyMap<string, string>;
}

const OUTCOME_LABELS: Record<Outcome, string> = { not_met: "Not met", partially_met: "Partially met", met: "Met" };
const TABLED = new Set<BlockType>(["target", "action", "judgement", "finding"]);

/** Every owner id the document's targets and actions name, to look their names up in one query. */
export function ownerIdsOf(doc: Y.Doc): string[] {
  const ids = new Set<string>();
  for (const element of blockElements(doc.getXmlFragment(FRAGMENT_NAME))) {
    const self = readBlockSelf(element);
    if (self.type === "target" || self.type === "action") for (const id of (self.attrs as BlockAttrsByType["action"]).owners) ids.add(id);
  }
  return [...ids];
}

/** The document's content as parts, in reading order. */
export function documentParts(doc: Y.Doc, ctx: PartsContext): Part[] {
  const out: Part[] = [];
  let run: BlockSelf[] = [];
  const flush = () => {
    if (run.length) out.push(blockTable(run, ctx));
    run = [];
  };
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const node of parent.toArray()) {
      if (!(node instanceof Y.XmlElement)) continue;
      if (isBlockElement(node)) {
        const self = readBlockSelf(node);
        // A block with no text yet is a placeholder: on paper it would be an empty row.
        if (!self.text) continue;
        if (run.length && run[0]!.type !== self.type) flush();
        if (TABLED.has(self.type)) {
          run.push(self);
          continue;
        }
        flush();
        out.push(...priorityParts(self, ctx));
        continue;
      }
      flush();
      const part = proseParts(node);
      if (part === "descend") visit(node);
      else if (part) out.push(part);
    }
  };
  visit(doc.getXmlFragment(FRAGMENT_NAME));
  flush();
  return out;
}

function priorityParts(self: BlockSelf, ctx: PartsContext): Part[] {
  const area = (self.attrs as BlockAttrsByType["priority"]).area;
  const parts: Part[] = [{ kind: "heading", level: 2, text: `Priority: ${self.text}` }];
  if (area) parts.push({ kind: "paragraph", runs: [{ text: "Area: ", bold: true }, { text: areaLabel(ctx.framework, area) }], style: "muted" });
  return parts;
}

/** A prose node as a part; "descend" for containers whose children are read in turn. */
function proseParts(node: Y.XmlElement): Part | "descend" | null {
  switch (node.nodeName) {
    case "heading": {
      const level = Math.min(3, Math.max(1, Number(node.getAttribute("level")) || 1)) as 1 | 2 | 3;
      const text = elementText(node).trim();
      return text ? { kind: "heading", level, text } : null;
    }
    case "paragraph":
    case "codeBlock": {
      const runs = runsOf(node);
      return runs.some((r) => r.text.trim()) ? { kind: "paragraph", runs } : null;
    }
    case "bulletList":
    case "orderedList": {
      const items = listItems(node);
      return items.length ? { kind: "list", ordered: node.nodeName === "orderedList", items } : null;
    }
    case "horizontalRule":
      return null;
    default:
      return "descend";
  }
}

/** A list's items as lines; a nested list's items follow their parent, indented. */
function listItems(list: Y.XmlElement, depth = 0): string[] {
  const items: string[] = [];
  for (const li of list.toArray()) {
    if (!(li instanceof Y.XmlElement)) continue;
    for (const child of li.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === "bulletList" || child.nodeName === "orderedList") items.push(...listItems(child, depth + 1));
      else {
        const text = elementText(child).trim();
        if (text) items.push(`${"    ".repeat(depth)}${text}`);
      }
    }
  }
  return items;
}

/** A paragraph's text with bold, italic and underline kept; a hard break becomes a new line. */
function runsOf(node: Y.XmlElement): Run[] {
  const runs: Run[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== "string") continue;
        const a = op.attributes ?? {};
        runs.push({ text: op.insert, bold: "bold" in a || undefined, italic: "italic" in a || undefined, underline: "underline" in a || undefined });
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === "hardBreak") runs.push({ text: "\n" });
      else runs.push({ text: elementText(child) });
    }
  }
  return runs;
}

const names = (ids: string[], ctx: PartsContext) => ids.map((id) => ctx.names.get(id) ?? "Someone no longer at the school").join(", ");
const text = (t: string): Cell => ({ text: t });

function blockTable(run: BlockSelf[], ctx: PartsContext): Table {
  const type = run[0]!.type;
  if (type === "target") {
    return {
      kind: "table",
      caption: "Targets",
      headers: ["Target", "Measure", "Baseline", "Current", "Goal", "Due", "Owners", "RAG"],
      widths: [26, 14, 10, 10, 10, 9, 12, 9],
      rows: run.map((b) => {
        const a = b.attrs as BlockAttrsByType["target"];
        const outcome = a.outcome ? ` (outcome at review: ${OUTCOME_LABELS[a.outcome].toLowerCase()})` : "";
        return [text(b.text), text(a.measure), text(a.baseline), text(a.current), text(a.goal), text(ukDay(a.due)), text(names(a.owners, ctx)), { text: RAG_LABELS[a.rag] + outcome, rag: a.rag }];
      }),
    };
  }
  if (type === "action") {
    return {
      kind: "table",
      caption: "Actions",
      headers: ["Action", "Owners", "Start", "Due", "Status", "RAG", "Success criteria", "Cost"],
      widths: [27, 12, 8, 8, 9, 8, 20, 8],
      rows: run.map((b) => {
        const a = b.attrs as BlockAttrsByType["action"];
        return [text(b.text), text(names(a.owners, ctx)), text(ukDay(a.start)), text(ukDay(a.due)), text(ACTION_STATUS_LABELS[a.status]), { text: RAG_LABELS[a.rag], rag: a.rag }, text(a.successCriteria), text(a.cost)];
      }),
    };
  }
  if (type === "judgement") {
    return {
      kind: "table",
      caption: "Judgements",
      headers: ["Area", "Grade", "Evidence"],
      widths: [20, 18, 62],
      rows: run.map((b) => {
        const a = b.attrs as BlockAttrsByType["judgement"];
        // Graded on the framework it was written under; the two Ofsted scales are never mapped.
        const framework = a.framework ?? ctx.framework;
        const grade = a.grade ? gradesFor(framework, a.area ?? "").find((g) => g.key === a.grade) : undefined;
        const gradeText = grade ? `${grade.label} (${FRAMEWORKS[framework].label})` : "Not graded";
        return [text(a.area ? areaLabel(framework, a.area) : "No area"), text(gradeText), text(b.text)];
      }),
    };
  }
  return {
    kind: "table",
    caption: "Findings",
    headers: ["Kind", "Area", "Finding"],
    widths: [18, 20, 62],
    rows: run.map((b) => {
      const a = b.attrs as BlockAttrsByType["finding"];
      return [text(a.kind === "strength" ? "Strength" : "Area for development"), text(a.area ? areaLabel(ctx.framework, a.area) : "No area"), text(b.text)];
    }),
  };
}
