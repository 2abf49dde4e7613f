/**
 * What the collab server and the editor agree on beyond stock y-websocket: the close codes the
 * editor acts on, and Trellis's two server-to-client notices. The notices ride on the y-protocols
 * auth message (type 2) with sub-types a stock provider's `readAuthMessage` silently skips, so a
 * stock WebsocketProvider keeps working (an unknown top-level type would log an error per frame).
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** The y-websocket top-level message type the notices travel in (y-protocols auth). */
export const AUTH_MESSAGE = 2;
/** y-protocols' own auth sub-type: "permission denied" with a reason. */
export const AUTH_PERMISSION_DENIED = 0;
/** "Every frame up to number n you sent on this socket is handled and stored": carries n. */
export const AUTH_SAVED = 100;
/** "You may now write" (1) or "this connection is read-only" (0), sent on join and on every change. */
export const AUTH_ACCESS = 101;

/** Close codes the editor reacts to (the full list, with reasons, is server/collab/limits.ts). */
export const CloseCode = {
  /** The session ended: signed out, or expired. */
  signedOut: 4401,
  /** Read access was withdrawn. */
  forbidden: 4403,
  /** The document was deleted. */
  gone: 4404,
  /** An edit arrived on a read-only connection: drop unsaved local state and resync read-only. */
  readOnly: 4423,
  /** Too many sockets of one person on one document. */
  tooManyConnections: 4429,
} as const;

/** A notice the server sends on the auth channel. */
export type ServerNotice = { type: "saved"; frame: number } | { type: "access"; writable: boolean } | { type: "denied"; reason: string };

/** Encodes the "saved through frame n" notice. */
export function encodeSaved(frame: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, AUTH_MESSAGE);
  encoding.writeVarUint(e, AUTH_SAVED);
  encoding.writeVarUint(e, frame);
  return encoding.toUint8Array(e);
}

/** Encodes the "your access is now" notice. */
export function encodeAccess(writable: boolean): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, AUTH_MESSAGE);
  encoding.writeVarUint(e, AUTH_ACCESS);
  encoding.writeVarUint(e, writable ? 1 : 0);
  return encoding.toUint8Array(e);
}

/** Reads an auth-channel body (after the top-level type); null for a sub-type this build does not know. */
export function readNotice(decoder: decoding.Decoder): ServerNotice | null {
  const sub = decoding.readVarUint(decoder);
  if (sub === AUTH_PERMISSION_DENIED) return { type: "denied", reason: decoding.readVarString(decoder) };
  if (sub === AUTH_SAVED) return { type: "saved", frame: decoding.readVarUint(decoder) };
  if (sub === AUTH_ACCESS) return { type: "access", writable: decoding.readVarUint(decoder) === 1 };
  return null;
}
