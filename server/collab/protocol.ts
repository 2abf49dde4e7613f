/**
 * The y-websocket wire protocol: decoding what a client sends, encoding what the server sends.
 * A client message is decoded completely before anything acts on it, so a malformed message
 * is refused whole and never half-applied.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";

/** The top-level message types of y-websocket (y-websocket.js messageSync, messageAwareness, ...). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

/** One decoded message from a client. */
export type ClientMessage =
  | { type: "syncStep1"; stateVector: Uint8Array }
  | { type: "syncStep2"; update: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "queryAwareness" };

/** Why a message was refused; `kind` picks the close code (see limits.ts). */
export class ProtocolError extends Error {
  constructor(
    readonly kind: "malformed" | "unsupported" | "tooLarge",
    message: string,
  ) {
    super(message);
  }
}

/** Decodes one binary frame from a client; throws ProtocolError for anything else. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  let message: ClientMessage;
  try {
    message = readMessage(decoder);
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError("malformed", "message could not be decoded");
  }
  // A stock client sends exactly one message per frame; trailing bytes mean a broken or hostile sender.
  if (decoding.hasContent(decoder)) throw new ProtocolError("malformed", "trailing bytes after message");
  return message;
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) return { type: "syncStep1", stateVector: payload };
      if (syncType === syncProtocol.messageYjsSyncStep2) return { type: "syncStep2", update: payload };
      if (syncType === syncProtocol.messageYjsUpdate) return { type: "update", update: payload };
      throw new ProtocolError("unsupported", `unknown sync message type ${syncType}`);
    }
    case MessageType.Awareness:
      return { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MessageType.QueryAwareness:
      return { type: "queryAwareness" };
    default:
      // Auth messages travel server to client only; anything else is not y-websocket.
      throw new ProtocolError("unsupported", `unknown message type ${type}`);
  }
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, (e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** Sync step 2: the part of the document the client lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, (e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A live document update, broadcast to the room. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, (e) => syncProtocol.writeUpdate(e, update));
}

/** An awareness update (cursors, presence). */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame(MessageType.Awareness, (e) => encoding.writeVarUint8Array(e, update));
}

/** The y-protocols auth message a provider reports as "permission denied". */
export function encodePermissionDenied(reason: string): Uint8Array {
  return frame(MessageType.Auth, (e) => authProtocol.writePermissionDenied(e, reason));
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
