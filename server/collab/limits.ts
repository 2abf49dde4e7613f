import { CloseCode } from "../../shared/collab.js";

/**
 * What the room server tolerates, and the close codes it answers with when a connection goes
 * past it. Codes 4400-4499 tell a stock y-websocket provider not to reconnect (the same
 * bad message would only be sent again); 1012 and 1013 invite it back.
 */

/** Close codes and the reason text sent with each. */
export const Close = {
  /**
   * The server is shutting down (SIGTERM): 1012 "service restart" says come back, and a stock
   * provider reconnects at once, through the balancer to another process.
   */
  goingAway: { code: 1012, reason: "server shutting down" },
  /** Set by `ws` itself when a frame passes maxPayload; listed here so the code is documented. */
  tooBig: { code: 1009, reason: "message too big" },
  /** Something failed on the server while handling this connection's message. */
  internal: { code: 1011, reason: "internal error" },
  /** The room could not be loaded or reloaded; try again later. */
  tryAgainLater: { code: 1013, reason: "document unavailable, try again" },
  /** The socket fell too far behind on reading what the room sends. */
  tooSlow: { code: 1013, reason: "connection too slow" },
  /** The message failed to decode (not y-websocket, truncated, or a garbled update). */
  malformed: { code: 4400, reason: "malformed message" },
  /** The session this socket was opened with ended (sign-out). */
  signedOut: { code: CloseCode.signedOut, reason: "signed out" },
  /** The session this socket was opened with expired (or was removed) while connected. */
  sessionExpired: { code: CloseCode.signedOut, reason: "session expired" },
  /** Read access was withdrawn while connected. */
  forbidden: { code: CloseCode.forbidden, reason: "permission withdrawn" },
  /** The document was deleted while connected. */
  gone: { code: CloseCode.gone, reason: "document not found" },
  /** A presence state past the per-state size cap. */
  presenceTooLarge: { code: 4413, reason: "presence state too large" },
  /**
   * An edit arrived on a read-only connection. The client must drop its unsaved local state and
   * rejoin read-only: a provider that kept the refused structs would park every later edit
   * behind them (they depend on what was refused), or push them once the document reopens.
   */
  readOnly: { code: CloseCode.readOnly, reason: "document is read-only; local changes were not saved" },
  /** One person already has the maximum number of sockets open on this document. */
  tooManyConnections: { code: CloseCode.tooManyConnections, reason: "too many connections to this document" },
  /** A message type this server does not speak. */
  unsupported: { code: 4415, reason: "unsupported message type" },
  /** An update that decoded but could not be applied to the document. */
  rejectedUpdate: { code: 4422, reason: "update could not be applied" },
  /**
   * The connection's updates depend on changes the server does not hold (a clock gap) past the
   * cap. A transient code (4500-4599), so the provider reconnects and its sync step 2 fills the gap.
   */
  missingDependencies: { code: 4500, reason: "updates with missing dependencies; resync" },
} as const;

export type CloseReason = (typeof Close)[keyof typeof Close];

/** Tunables with defaults; the message size comes from env.COLLAB_MAX_MESSAGE_BYTES. */
export interface CollabLimits {
  /** Largest frame accepted from a client, in bytes. */
  maxMessageBytes: number;
  /** Bytes a connection may queue while its room loads before it is closed. */
  maxBacklogBytes: number;
  /** Unsent bytes a socket may hold before it is dropped as too slow. */
  maxBufferedBytes: number;
  /** Awareness client ids one connection may speak for (a provider uses one). */
  maxAwarenessClients: number;
  /** How often dead sockets are detected with a ping (and sessions re-checked for expiry). */
  heartbeatMs: number;
  /** Bytes of not-yet-integrable updates (missing dependencies) one connection may cause. */
  maxPendingBytes: number;
  /** Bytes of one presence state (its JSON), before stamping. */
  maxAwarenessStateBytes: number;
  /** Presence states one room holds at most; more are dropped, not relayed. */
  maxRoomAwarenessStates: number;
  /** Bytes of presence one room holds at most (what a newcomer receives in one frame). */
  maxRoomAwarenessBytes: number;
  /** Sockets one person may have open on one document (tabs and devices). */
  maxConnectionsPerPerson: number;
}

/** The limits used unless a caller overrides them. */
export function defaultLimits(maxMessageBytes: number): CollabLimits {
  return {
    maxMessageBytes,
    maxBacklogBytes: 4 * maxMessageBytes,
    maxBufferedBytes: 64 * 1024 * 1024,
    maxAwarenessClients: 4,
    heartbeatMs: 30_000,
    maxPendingBytes: 256 * 1024,
    maxAwarenessStateBytes: 4 * 1024,
    maxRoomAwarenessStates: 400,
    maxRoomAwarenessBytes: 512 * 1024,
    maxConnectionsPerPerson: 8,
  };
}
