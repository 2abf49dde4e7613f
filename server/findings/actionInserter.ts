/**
 * Writes an `action` block into a plan's Y.Doc for a peer-review finding, shaped as the editor
 * stores it (a Y.XmlElement named `action` with raw attributes and a Y.XmlText child), so every
 * open editor shows it at once and the extractor picks it up like any typed action.
 */
import * as Y from "yjs";
import { defaultBlockAttrs } from "../../shared/blocks/schema.js";

export interface FindingAction {
  id: string;
  findingId: string;
  text: string;
  owners: string[];
  due: string | null;
  /** The finding's area: the action goes under the plan's priority for that area when there is one. */
  area: string | null;
}

/** Inserts the action and returns the index it landed at in the fragment. */
export function insertFindingAction(doc: Y.Doc, action: FindingAction): number {
  const fragment = doc.getXmlFragment("default");
  const index = insertionIndex(fragment, action.area);
  const element = new Y.XmlElement("action");
  const attrs = { ...defaultBlockAttrs("action"), owners: action.owners, due: action.due, findingId: action.findingId };
  doc.transact(() => {
    fragment.insert(index, [element]);
    element.setAttribute("id", action.id);
    for (const [name, value] of Object.entries(attrs)) {
      // Tiptap leaves null attributes off the element; do the same so both writers agree.
      if (value !== null) element.setAttribute(name, value as string);
    }
    const text = new Y.XmlText();
    element.insert(0, [text]);
    text.insert(0, action.text);
  });
  return index;
}

/** Just before the priority that follows the first priority of `area`; else at the end of the plan. */
function insertionIndex(fragment: Y.XmlFragment, area: string | null): number {
  const children = fragment.toArray();
  const isPriority = (c: unknown) => c instanceof Y.XmlElement && c.nodeName === "priority";
  const start = area === null ? -1 : children.findIndex((c) => isPriority(c) && (c as Y.XmlElement).getAttribute("area") === area);
  if (start < 0) return children.length;
  const next = children.findIndex((c, i) => i > start && isPriority(c));
  return next < 0 ? children.length : next;
}
