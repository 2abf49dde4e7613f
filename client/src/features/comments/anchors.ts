/**
 * Comment anchors in the browser: a ProseMirror range becomes two Y.RelativePositions (base64),
 * and back. Resolving goes through the Yjs model, so a thread's range follows its words while
 * other people type before, inside or after them.
 */
import type { EditorState } from "@tiptap/pm/state";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { EncodedAnchor } from "./commentsApi.js";

/** y-tiptap's Y-type-to-ProseMirror-node mapping (its type is not exported by name). */
type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

/** What y-tiptap's sync plugin keeps in its state: the bound fragment and its Y-type-to-node mapping. */
interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: ProsemirrorMapping };
}

/** Where a thread sits now: its range, or "removed" with the place its words used to be (when known). */
export type AnchorPlace = { removed: false; from: number; to: number } | { removed: true; at: number | null };

function syncState(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as Partial<SyncState> | undefined;
  if (!sync?.doc || !sync.type || !sync.binding?.mapping) return null;
  return sync as SyncState;
}

const toBase64 = (bytes: Uint8Array) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/**
 * y-tiptap makes every text position stick to the character before it. A thread's start should
 * stick to its own first character instead, so words typed just before the thread stay outside it.
 */
function stickRight(rel: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return rel;
  return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0);
}

/** Encodes the range [from, to) of the editor's document as an anchor; null when the editor is not bound to Yjs. */
export function anchorForRange(state: EditorState, from: number, to: number): EncodedAnchor | null {
  const sync = syncState(state);
  if (!sync) return null;
  const { type, binding } = sync;
  const start = stickRight(absolutePositionToRelativePosition(from, type, binding.mapping), sync.doc);
  // The end keeps y-tiptap's stick-left, so typing right after the commented words stays outside too.
  const end = absolutePositionToRelativePosition(to, type, binding.mapping);
  return { from: toBase64(Y.encodeRelativePosition(start)), to: toBase64(Y.encodeRelativePosition(end)) };
}

/** True when the type, or anything it sits in, has been deleted. */
function isGone(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return true;
  }
  return false;
}

/** One encoded end to a ProseMirror position, or null when it no longer points into the document. */
function toPosition(sync: SyncState, encoded: string, size: number): number | null {
  let rel: Y.RelativePosition;
  try {
    rel = Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, sync.doc);
  if (!abs || isGone(abs.type)) return null;
  let pos: number | null;
  if (abs.type instanceof Y.XmlText) {
    // Resolve from the start of the text run: y-tiptap refuses item positions near the document's
    // start (its guard against reordered blocks), which would lose threads on the first words.
    const runStart = Y.createRelativePositionFromTypeIndex(abs.type, 0, -1);
    const start = relativePositionToAbsolutePosition(sync.doc, sync.type, runStart, sync.binding.mapping);
    pos = start === null ? null : start + abs.index;
  } else {
    pos = relativePositionToAbsolutePosition(sync.doc, sync.type, rel, sync.binding.mapping);
  }
  return pos === null || pos < 0 || pos > size ? null : pos;
}

/** Where an anchor's words are in the editor's current document. */
export function placeAnchor(state: EditorState, anchor: EncodedAnchor): AnchorPlace {
  const sync = syncState(state);
  if (!sync) return { removed: true, at: null };
  const size = state.doc.content.size;
  const from = toPosition(sync, anchor.from, size);
  const to = toPosition(sync, anchor.to, size);
  if (from === null || to === null || to <= from) return { removed: true, at: from ?? to };
  return { removed: false, from, to };
}
