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
  /**
   * The target the action serves, chosen by the champion; null (the default) means none. It is
   * never guessed from the nearest target: an action placed under a target would count towards it.
   */
  targetId?: string | null;
}

/** Inserts the action and returns the index it landed at in the fragment. */
export function insertFindingAction(doc: Y.Doc, action: FindingAction): number {
  const fragment = doc.getXmlFragment("default");
  const targetId = action.targetId ?? null;
  const index = targetId ? afterTarget(fragment, targetId) : outsideAnyTarget(fragment, action.area);
  const element = new Y.XmlElement("action");
  const attrs = { ...defaultBlockAttrs("action"), owners: action.owners, due: action.due, findingId: action.findingId, targetId };
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

const nameOf = (c: unknown) => (c instanceof Y.XmlElement ? c.nodeName : null);

/** After the target and what follows it up to the next target or priority: with its other actions. */
function afterTarget(fragment: Y.XmlFragment, targetId: string): number {
  const children = fragment.toArray();
  const at = children.findIndex((c) => nameOf(c) === "target" && (c as Y.XmlElement).getAttribute("id") === targetId);
  if (at < 0) return children.length;
  const next = children.findIndex((c, i) => i > at && (nameOf(c) === "target" || nameOf(c) === "priority"));
  return next < 0 ? children.length : next;
}

/**
 * Where no target is above the action within its priority, so it serves none: straight after the
 * priority of the finding's area (before that priority's targets); else at the end of the plan if
 * no target is in scope there, else at the top, before the first priority.
 */
function outsideAnyTarget(fragment: Y.XmlFragment, area: string | null): number {
  const children = fragment.toArray();
  const priority = area === null ? -1 : children.findIndex((c) => nameOf(c) === "priority" && (c as Y.XmlElement).getAttribute("area") === area);
  if (priority >= 0) return priority + 1;
  let lastGrouping = -1;
  children.forEach((c, i) => {
    if (nameOf(c) === "target" || nameOf(c) === "priority") lastGrouping = i;
  });
  if (lastGrouping < 0 || nameOf(children[lastGrouping]) === "priority") return children.length;
  const firstPriority = children.findIndex((c) => nameOf(c) === "priority" || nameOf(c) === "target");
  return Math.max(0, firstPriority);
}
