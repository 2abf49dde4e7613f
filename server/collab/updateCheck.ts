/**
 * Checks on an incoming Yjs update before the room acts on it: that it decodes at all, and,
 * for read-only connections, whether it carries anything the room does not already hold.
 */
import * as Y from "yjs";

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * Fully decodes an update (structs, contents and delete set), or returns null. Y.applyUpdate
 * integrates structs before it reads the delete set, so a garbled tail would otherwise leave
 * a half-applied update behind; decoding first refuses it whole.
 */
export function decodeUpdateSafely(update: Uint8Array): Decoded | null {
  try {
    return Y.decodeUpdate(update);
  } catch {
    return null;
  }
}

/**
 * True when applying the update to `doc` would change nothing: every struct is already
 * known and every deletion already happened. A read-only client's sync step 2 normally
 * looks like this (its whole delete set, nothing new), and is not an offence.
 */
export function holdsNothingNew(doc: Y.Doc, decoded: Decoded): boolean {
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (!rangeDeleted(doc, client, range.clock, range.len)) return false;
    }
  }
  return true;
}

/** Whether every struct of `client` in [clock, clock + len) exists in `doc` and is deleted. */
function rangeDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  if (len <= 0) return true;
  const end = clock + len;
  if (end > Y.getState(doc.store, client)) return false;
  const structs = doc.store.clients.get(client);
  if (!structs) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i]!;
    if (struct.id.clock >= end) break;
    if (!struct.deleted) return false;
  }
  return true;
}

/** Per client id, the first clock of structs in the update that `doc` does not hold yet. */
export function newStructRanges(doc: Y.Doc, decoded: Decoded): Map<number, number> {
  const ranges = new Map<number, number>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const known = Y.getState(doc.store, client);
    if (clock + struct.length <= known) continue;
    const from = Math.max(clock, known);
    ranges.set(client, Math.min(from, ranges.get(client) ?? from));
  }
  return ranges;
}

/** Whether the update carries a struct at or past a clock listed for its client id. */
export function touchesRanges(decoded: Decoded, ranges: ReadonlyMap<number, number>): boolean {
  if (ranges.size === 0) return false;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const from = ranges.get(struct.id.client);
    if (from !== undefined && struct.id.clock + struct.length > from) return true;
  }
  return false;
}

/** Bytes Yjs holds for updates it could not integrate yet (missing dependencies). */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
}
