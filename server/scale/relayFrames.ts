/**
 * The binary frames of the update relay, one per Redis message on a room's channel. An update
 * frame carries the log sequence number the origin stores it under, the one it sent before on
 * the same room (so a receiver can tell when it missed one) and how far the origin's own
 * updates of that room are committed, so a receiver knows which relayed updates are durable.
 */

export type RelayFrame =
  | {
      kind: "update";
      seq: number;
      prev: number;
      /** Every update this origin sent ahead of its commit, up to this seq, is stored. */
      storedThrough: number;
      /** Sent after its INSERT committed (no id could be reserved ahead): durable already. */
      committed: boolean;
      userId: string | null;
      update: Uint8Array;
    }
  /** The origin's updates of the room are stored through `through`; `last` is the last seq it sent. */
  | { kind: "stored"; through: number; last: number }
  | { kind: "presence"; update: Uint8Array }
  /** "Who is here?": sent by a process that has just opened the room. */
  | { kind: "presenceQuery" }
  /** "Read the log": the sender could not relay some of what it stored. */
  | { kind: "catchUp" };

const KIND = { update: 1, presence: 2, presenceQuery: 3, catchUp: 4, stored: 5 } as const;
const HEADER = 1 + 8 + 8 + 8 + 1 + 1;

export function encodeFrame(frame: RelayFrame): Uint8Array {
  switch (frame.kind) {
    case "update": {
      const user = frame.userId ? Buffer.from(frame.userId, "latin1") : Buffer.alloc(0);
      const out = Buffer.allocUnsafe(HEADER + user.length + frame.update.byteLength);
      out[0] = KIND.update;
      out.writeDoubleLE(frame.seq, 1);
      out.writeDoubleLE(frame.prev, 9);
      out.writeDoubleLE(frame.storedThrough, 17);
      out[25] = frame.committed ? 1 : 0;
      out[26] = user.length;
      user.copy(out, HEADER);
      out.set(frame.update, HEADER + user.length);
      return out;
    }
    case "stored": {
      const out = Buffer.allocUnsafe(17);
      out[0] = KIND.stored;
      out.writeDoubleLE(frame.through, 1);
      out.writeDoubleLE(frame.last, 9);
      return out;
    }
    case "presence": {
      const out = Buffer.allocUnsafe(1 + frame.update.byteLength);
      out[0] = KIND.presence;
      out.set(frame.update, 1);
      return out;
    }
    case "presenceQuery":
      return Uint8Array.of(KIND.presenceQuery);
    case "catchUp":
      return Uint8Array.of(KIND.catchUp);
  }
}

/** Reads a frame; null for anything this version does not know (a newer process, say). */
export function decodeFrame(bytes: Uint8Array): RelayFrame | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (buf[0]) {
    case KIND.update: {
      if (buf.length < HEADER) return null;
      const userLength = buf[26]!;
      if (buf.length < HEADER + userLength) return null;
      return {
        kind: "update",
        seq: buf.readDoubleLE(1),
        prev: buf.readDoubleLE(9),
        storedThrough: buf.readDoubleLE(17),
        committed: buf[25] === 1,
        userId: userLength ? buf.toString("latin1", HEADER, HEADER + userLength) : null,
        update: buf.subarray(HEADER + userLength),
      };
    }
    case KIND.stored:
      if (buf.length < 17) return null;
      return { kind: "stored", through: buf.readDoubleLE(1), last: buf.readDoubleLE(9) };
    case KIND.presence:
      return { kind: "presence", update: buf.subarray(1) };
    case KIND.presenceQuery:
      return { kind: "presenceQuery" };
    case KIND.catchUp:
      return { kind: "catchUp" };
    default:
      return null;
  }
}
