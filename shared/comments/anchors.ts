/**
 * Comment anchors on Yjs: a thread holds two encoded Y.RelativePositions (base64). They follow
 * the words they were made on through concurrent edits; when those words are deleted both ends
 * collapse together and the thread shows "text removed" instead of disappearing.
 */
import * as Y from "yjs";

export interface EncodedAnchor {
  from: string;
  to: string;
}

const toBase64 = (bytes: Uint8Array) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/** Encodes a range of one Y.XmlText (or Y.Text) as an anchor. `to` sticks to the left so typing at the end stays outside. */
export function anchorFor(type: Y.AbstractType<any>, from: number, to: number): EncodedAnchor {
  const start = Y.createRelativePositionFromTypeIndex(type, from, 0);
  const end = Y.createRelativePositionFromTypeIndex(type, to, -1);
  return { from: toBase64(Y.encodeRelativePosition(start)), to: toBase64(Y.encodeRelativePosition(end)) };
}

export interface ResolvedAnchor {
  type: Y.AbstractType<any>;
  from: number;
  to: number;
  /** True when the anchored text is gone: the range collapsed or its ends no longer resolve. */
  removed: boolean;
}

/** Resolves an anchor against a document's current state. */
export function resolveAnchor(doc: Y.Doc, anchor: EncodedAnchor): ResolvedAnchor | null {
  try {
    const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(anchor.from)), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(anchor.to)), doc);
    if (!start || !end || start.type !== end.type) return null;
    return { type: start.type, from: start.index, to: end.index, removed: end.index <= start.index };
  } catch {
    return null;
  }
}
