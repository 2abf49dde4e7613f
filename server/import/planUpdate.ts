/**
 * The imported plan as one Yjs update and its progress rows, both built in the conversion worker:
 * building, encoding and extracting a 40-page plan's Y.Doc takes far longer than the main thread
 * may be held, and nobody can hold the new document before it is stored, so it never needs to be
 * built where the server runs. The rows are the extractor's own (same reader, same builder), so a
 * room opened on the plan later finds them as it would have written them.
 */
import * as Y from "yjs";
import { isBlockType } from "../../shared/blocks/schema.js";
import type { ImportBlock } from "../../shared/importPreview.js";
import { writePlanNodes, type BlockSpec, type PlanNode } from "../../shared/templates/planNodes.js";
import { blockElements, FRAGMENT_NAME, readBlockSelf } from "../progress/blockReader.js";
import { buildRows, type BlockRow } from "../progress/blockRows.js";

/** The preview's blocks as the plan nodes the template writer takes. */
export function planNodesOf(blocks: readonly ImportBlock[]): PlanNode[] {
  return blocks.map((b): PlanNode => {
    if (b.type === "heading") return { type: "heading", level: (b.attrs.level as 1 | 2 | 3) ?? 2, text: b.text };
    if (b.type === "bulletList" || b.type === "orderedList") return { type: b.type, items: (b.attrs.items as string[]) ?? [] };
    if (isBlockType(b.type)) return { type: b.type, text: b.text, attrs: b.attrs } as BlockSpec;
    return { type: "paragraph", text: b.text };
  });
}

/**
 * A block's bold, italic and underline as y-prosemirror stores marks: formatting on the
 * Y.XmlText named after the Tiptap mark, with the mark's attributes (none) as its value. A
 * paragraph or heading holds its text itself; a list's marks count through its items joined by
 * line breaks, and each item's text sits in listItem > paragraph.
 */
function applyMarks(node: Y.XmlElement | Y.XmlText | undefined, block: ImportBlock): void {
  if (!block.marks?.length || !(node instanceof Y.XmlElement)) return;
  const format = (text: unknown, start: number, length: number) => {
    if (!(text instanceof Y.XmlText)) return;
    for (const { from, to, mark } of block.marks!) {
      const a = Math.max(from - start, 0);
      const b = Math.min(to - start, length);
      if (b > a) text.format(a, b - a, { [mark]: {} });
    }
  };
  if (node.nodeName !== "bulletList" && node.nodeName !== "orderedList") {
    const text = node.get(0);
    format(text, 0, text instanceof Y.XmlText ? text.length : 0);
    return;
  }
  let start = 0;
  for (const item of node.toArray()) {
    const paragraph = item instanceof Y.XmlElement ? item.get(0) : undefined;
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
    const length = text instanceof Y.XmlText ? text.length : 0;
    format(text, start, length);
    start += length + 1;
  }
}

/** What the worker hands over for a create: the document's content and the rows to store for it. */
export interface ImportedPlan {
  /** The content as a few updates, applied in order: one 40-page update takes PGlite 30-60 ms to store, a slice a few. */
  updates: Uint8Array[];
  rows: BlockRow[];
}

/** Top-level nodes per update: a slice of 40 still took PGlite up to 40 ms to store on a loaded machine. */
const NODES_PER_UPDATE = 20;

/**
 * The whole document as the editor's nodes, in updates of a few dozen nodes each, and its rows.
 * `memberIds` are the school's people the owners were matched from: every owner id the import
 * wrote is one of them.
 */
export function importedPlan(blocks: readonly ImportBlock[], memberIds: readonly string[]): ImportedPlan {
  const ydoc = new Y.Doc();
  try {
    const fragment = ydoc.getXmlFragment(FRAGMENT_NAME);
    const nodes = planNodesOf(blocks);
    const updates: Uint8Array[] = [];
    for (let i = 0; i < nodes.length; i += NODES_PER_UPDATE) {
      const before = Y.encodeStateVector(ydoc);
      ydoc.transact(() => {
        writePlanNodes(fragment, nodes.slice(i, i + NODES_PER_UPDATE));
        for (let k = i; k < Math.min(i + NODES_PER_UPDATE, blocks.length); k++) applyMarks(fragment.get(k), blocks[k]!);
      });
      updates.push(Y.encodeStateAsUpdate(ydoc, before));
    }
    const members = new Set(memberIds);
    const rows = buildRows(blockElements(fragment).map(readBlockSelf), new Map(), (id) => (members.has(id) ? "member" : "unknown")).map((b) => b.row);
    return { updates, rows };
  } finally {
    ydoc.destroy();
  }
}
