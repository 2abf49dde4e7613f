/**
 * One client socket in a room: who it is, whether it may write, and a safe way to send to it
 * or close it. It knows nothing of Yjs; the room interprets what it receives.
 */
import type { WebSocket } from "ws";
import type { Logger } from "../logger.js";
import type { Actor } from "../policies/index.js";
import { awarenessUser, type AwarenessUser } from "./awarenessStamp.js";
import type { UpdateOrigin } from "./extension.js";
import { Close, type CloseReason, type CollabLimits } from "./limits.js";
import { encodeAccess } from "../../shared/collab.js";

let nextId = 1;

/** A connected, admitted client. */
export class Connection {
  readonly id = nextId++;
  /** The origin of every update this connection makes; one object per connection, so the room can skip the sender. */
  readonly origin: UpdateOrigin;
  /** The identity stamped into this connection's awareness states. */
  readonly user: AwarenessUser;
  /** Awareness client ids this connection speaks for. */
  readonly awarenessClients = new Set<number>();
  /** Frames received before the room was ready, replayed on join. */
  backlog: Uint8Array[] = [];
  /** Set by the heartbeat; a socket that misses a pong is dead. */
  alive = true;
  closed = false;
  /** Frames the room has handled from this socket; the "saved" notice names one of these. */
  framesHandled = 0;
  /** Bytes of not-yet-integrable updates this connection has caused in its room's doc. */
  pendingBytes = 0;
  /** The highest frame a "saved" notice is owed for, and whether one is on its way. */
  ackWanted = 0;
  acking = false;
  private backlogBytes = 0;
  private onClosed: (() => void) | null = null;

  constructor(
    private readonly ws: WebSocket,
    readonly documentId: string,
    public actor: Actor,
    /** Whether updates from this connection are applied; re-checked when the document's status changes. */
    private writable: boolean,
    /** The session the socket was opened with. */
    readonly sessionId: string,
    private readonly logger: Logger,
    private readonly limits: CollabLimits,
  ) {
    this.origin = { userId: actor.id, source: "connection" };
    this.user = awarenessUser(actor);
  }

  /** Whether updates from this connection are applied; re-checked when the document's status changes. */
  get canWrite(): boolean {
    return this.writable;
  }

  /** Changes write access, telling the client at once so its editor locks or unlocks before the next keystroke. */
  set canWrite(writable: boolean) {
    if (writable === this.writable) return;
    this.writable = writable;
    this.send(encodeAccess(writable));
  }

  /** Runs `fn` once when this connection goes away, whoever closed it. */
  whenClosed(fn: () => void): void {
    if (this.closed) fn();
    else this.onClosed = fn;
  }

  /** Keeps a frame that arrived before the room was ready; false when the backlog is full. */
  hold(data: Uint8Array): boolean {
    this.backlogBytes += data.byteLength;
    if (this.backlogBytes > this.limits.maxBacklogBytes) return false;
    this.backlog.push(data);
    return true;
  }

  /** Takes the held frames for replay. */
  takeBacklog(): Uint8Array[] {
    const held = this.backlog;
    this.backlog = [];
    this.backlogBytes = 0;
    return held;
  }

  /** Sends a frame; a socket that has fallen far behind is closed rather than buffered without end. */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(Close.tooSlow);
      return;
    }
    this.ws.send(message);
  }

  /** Closes with a code and reason, logging why when it is the client's fault. */
  close(reason: CloseReason, detail?: string): void {
    if (this.closed) return;
    if (reason.code >= 4000 || reason.code === 1009) {
      this.logger.warn("collab: closing connection", this.describe({ code: reason.code, reason: reason.reason, detail }));
    }
    this.ws.close(reason.code, reason.reason);
    this.markClosed();
  }

  /** Drops the socket at once (dead peer, or one that ignored a close). */
  terminate(): void {
    this.ws.terminate();
    this.markClosed();
  }

  /** Called when the socket reports it closed. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    const fn = this.onClosed;
    this.onClosed = null;
    fn?.();
  }

  /** Sends a ping; the heartbeat calls this and checks `alive` on the next round. */
  ping(): void {
    this.alive = false;
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  /** Log fields naming this connection. */
  describe(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { documentId: this.documentId, userId: this.actor.id, connection: this.id, ...extra };
  }
}
