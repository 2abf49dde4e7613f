/**
 * What a block's menu does to the document: move it past its neighbour, duplicate it with a new
 * id, delete it and put it back. Plain ProseMirror transactions, so unit tests run them headless
 * and every collaborator sees the change through Yjs like any other edit.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { newBlockId } from "../../../shared/blocks/schema.js";

/** The block at `pos` moved before its previous sibling (-1) or after its next one (+1); null at an edge. */
export function moveBlock(state: EditorState, pos: number, direction: -1 | 1): Transaction | null {
  const node = state.doc.nodeAt(pos);
  if (!node) return null;
  const $pos = state.doc.resolve(pos);
  const index = $pos.index();
  const parent = $pos.parent;
  const neighbour = parent.maybeChild(index + direction);
  if (!neighbour) return null;
  const tr = state.tr;
  if (direction < 0) {
    // Moving the neighbour down keeps this block's own node (and its Yjs element) where editors hold it.
    const from = pos - neighbour.nodeSize;
    tr.delete(from, pos);
    tr.insert(from + node.nodeSize, neighbour);
  } else {
    const after = pos + node.nodeSize;
    tr.delete(after, after + neighbour.nodeSize);
    tr.insert(pos, neighbour);
  }
  return tr.scrollIntoView();
}

/**
 * A copy of the block just below it, with a new id: a twin sharing an id would share its progress
 * history. It is a copy, not a carried-forward block, so `carriedFrom` is not copied.
 */
export function duplicateBlock(state: EditorState, pos: number): { tr: Transaction; id: string } | null {
  const node = state.doc.nodeAt(pos);
  if (!node) return null;
  const id = newBlockId();
  const attrs: Record<string, unknown> = { ...node.attrs, id };
  if ("carriedFrom" in attrs) attrs.carriedFrom = null;
  const copy = node.type.create(attrs, node.content, node.marks);
  return { tr: state.tr.insert(pos + node.nodeSize, copy).scrollIntoView(), id };
}

/** Enough to put a deleted block back where it was, with the same id and attributes. */
export interface DeletedBlock {
  node: ReturnType<PMNode["toJSON"]>;
  /** The id of the block or the text just before it, when it had one. */
  afterId: string | null;
  /** Its position in the document at deletion, for when its neighbour has gone too. */
  pos: number;
}

/** Whether deleting should ask first: the block says who does it or by when. */
export function deletionNeedsConfirming(node: PMNode): boolean {
  const owners = node.attrs.owners as unknown;
  return (Array.isArray(owners) && owners.length > 0) || (typeof node.attrs.due === "string" && node.attrs.due !== "");
}

export function deleteBlock(state: EditorState, pos: number): { tr: Transaction; deleted: DeletedBlock } | null {
  const node = state.doc.nodeAt(pos);
  if (!node) return null;
  const $pos = state.doc.resolve(pos);
  const before = $pos.parent.maybeChild($pos.index() - 1);
  const afterId = typeof before?.attrs.id === "string" ? before.attrs.id : null;
  return { tr: state.tr.delete(pos, pos + node.nodeSize), deleted: { node: node.toJSON(), afterId, pos } };
}

/** Puts a deleted block back: after the block that preceded it if it is still there, else where it was. */
export function restoreBlock(state: EditorState, deleted: DeletedBlock): Transaction {
  const node = state.schema.nodeFromJSON(deleted.node);
  let at: number | null = null;
  if (deleted.afterId) {
    state.doc.descendants((n, p) => {
      if (at !== null) return false;
      if (n.attrs.id === deleted.afterId && n.isBlock) {
        at = p + n.nodeSize;
        return false;
      }
      return true;
    });
  }
  if (at === null) {
    // The nearest boundary between top-level nodes at or before the old position.
    const target = Math.min(deleted.pos, state.doc.content.size);
    at = 0;
    state.doc.forEach((child, offset) => {
      if (offset + child.nodeSize <= target) at = offset + child.nodeSize;
    });
  }
  return state.tr.insert(at, node).scrollIntoView();
}
