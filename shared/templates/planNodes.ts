/**
 * Plan content as plain data, and the writer that puts it into a Y.XmlFragment exactly as Tiptap
 * and y-prosemirror store it: one Y.XmlElement per node named after the node type, attributes as
 * raw values with nulls left off, and the text in a single Y.XmlText child (none when empty).
 * Templates and the demo seed both write through here, so neither needs ProseMirror on the server.
 */
import * as Y from "yjs";
import { newBlockId, type BlockAttrsByType, type BlockType } from "../blocks/schema.js";

/** A structured block: any of its attributes, and its text (empty means a placeholder). */
export type BlockSpec = {
  [T in BlockType]: { type: T; id?: string; attrs?: Partial<BlockAttrsByType[T]>; text?: string };
}[BlockType];

/** One top-level node of a plan. */
export type PlanNode =
  | { type: "heading"; level: 1 | 2 | 3; text: string; hint?: string }
  | { type: "paragraph"; text?: string; hint?: string }
  | { type: "bulletList"; items: string[] }
  | { type: "orderedList"; items: string[] }
  | BlockSpec;

function element(name: string, attrs: Record<string, unknown>, text?: string): Y.XmlElement {
  const el = new Y.XmlElement(name);
  // y-prosemirror writes every non-null attribute and skips nulls; so do we.
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(key, value as string);
  }
  if (text) {
    const t = new Y.XmlText();
    t.insert(0, text);
    el.insert(0, [t]);
  }
  return el;
}

function toElement(node: PlanNode, makeId: () => string): Y.XmlElement {
  switch (node.type) {
    case "heading":
      return element("heading", { level: node.level, hint: node.hint }, node.text);
    case "paragraph":
      return element("paragraph", { hint: node.hint }, node.text);
    case "bulletList":
    case "orderedList": {
      const list = new Y.XmlElement(node.type);
      list.insert(0, node.items.map((item) => {
        const li = new Y.XmlElement("listItem");
        li.insert(0, [element("paragraph", {}, item)]);
        return li;
      }));
      return list;
    }
    default:
      return element(node.type, { id: node.id ?? makeId(), ...node.attrs }, node.text);
  }
}

/** Appends the nodes to the fragment in one transaction. */
export function writePlanNodes(
  fragment: Y.XmlFragment,
  nodes: readonly PlanNode[],
  { makeId = newBlockId, origin = null }: { makeId?: () => string; origin?: unknown } = {},
): void {
  const doc = fragment.doc;
  const write = () => fragment.insert(fragment.length, nodes.map((n) => toElement(n, makeId)));
  if (doc) doc.transact(write, origin);
  else write();
}
