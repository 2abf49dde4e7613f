/** Comment anchors: two Y.RelativePositions, encoded then base64'd by the client. */
import { z } from "zod";
import * as Y from "yjs";

const MAX_ANCHOR_CHARS = 1024;

/** Decodes one encoded relative position, or returns null when it is not one. */
export function decodeAnchor(encoded: string): Y.RelativePosition | null {
  if (encoded.length === 0 || encoded.length > MAX_ANCHOR_CHARS || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  try {
    const bytes = Buffer.from(encoded, "base64");
    const pos = Y.decodeRelativePosition(new Uint8Array(bytes));
    // A position must point somewhere: at an item, or at a named/nested type.
    if (!pos.item && !pos.type && pos.tname === null) return null;
    return pos;
  } catch {
    return null;
  }
}

/** Encodes a relative position the way clients send it. */
export function encodeAnchor(pos: Y.RelativePosition): string {
  return Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");
}

const anchorString = z.string().refine((s) => decodeAnchor(s) !== null, "is not an encoded Y.RelativePosition");

export const anchorSchema = z.object({ from: anchorString, to: anchorString });
