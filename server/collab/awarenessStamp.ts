/**
 * Awareness stamping: whatever a client claims about itself, the `user` field of its awareness
 * state is overwritten with who the session says it is, so nobody can appear as someone else.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { ProtocolError } from "./protocol.js";

/** The identity shown next to a cursor. */
export interface AwarenessUser {
  id: string;
  name: string;
  color: string;
}

/** A stable colour per user, so a person keeps the same caret colour on every device. */
export function userColor(userId: string): string {
  // FNV-1a: cheap, and spreads similar ids (uuids differing in a few characters) apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Fixed saturation and lightness keep every hue readable against white and behind white text.
  return hslToHex(hash % 360, 0.65, 0.42);
}

/** The stamped user for a session's user. */
export function awarenessUser(user: { id: string; name: string }): AwarenessUser {
  return { id: user.id, name: user.name, color: userColor(user.id) };
}

/**
 * Rewrites an awareness update so every state carries `user`, dropping entries for client ids
 * the sender may not speak for. `mayUse` is asked per entry, in order, with the state's size,
 * so a cap counts the ids inside one message too. A state past `maxStateBytes` is refused
 * whole (ProtocolError "tooLarge"). Returns the new update, the client ids kept and their sizes.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  user: AwarenessUser,
  mayUse: (clientId: number, bytes: number) => boolean,
  maxStateBytes = Infinity,
): { update: Uint8Array; clients: number[]; sizes: number[] } {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const kept: { clientId: number; clock: number; state: string }[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > maxStateBytes) throw new ProtocolError("tooLarge", "presence state too large");
      // Parsed only once allowed: a flood of ids costs a read each, not a JSON.parse each.
      if (!mayUse(clientId, json.length)) continue;
      kept.push({ clientId, clock, state: JSON.stringify(stamp(JSON.parse(json) as unknown, user)) });
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError("malformed", "awareness update could not be decoded");
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("malformed", "trailing bytes after awareness update");
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return { update: encoding.toUint8Array(encoder), clients: kept.map((e) => e.clientId), sizes: kept.map((e) => e.state.length) };
}

function stamp(state: unknown, user: AwarenessUser): unknown {
  // null is how a client says it has left; it carries no identity to stamp.
  if (state === null) return null;
  const base = typeof state === "object" && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
  return { ...base, user };
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
