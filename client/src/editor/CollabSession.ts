/**
 * One document's live Y.Doc and y-websocket connection, without React (so tests drive the very
 * code the editor runs). It tracks whether every local edit is confirmed stored: the server's
 * "saved through frame n" notice is compared with the socket frame that last carried a local
 * edit. When the server refuses an edit (the document is read-only), the Y.Doc is rebuilt from
 * the server, so refused structs are never kept, resent, or built upon.
 */
import type * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { AUTH_MESSAGE, CloseCode, readNotice } from "../../../shared/collab.js";

/** What the person sees of the connection. */
export interface SessionState {
  status: "connecting" | "connected" | "disconnected";
  /**
   * The document's content has arrived (first sync), or the first attempt to connect failed.
   * The editor waits for this: built from a synced Y.Doc, its node views mount in one React
   * batch instead of one synchronous render each (seconds for a 1,000-block plan).
   */
  loaded: boolean;
  /** The first sync with the server has completed since the last (re)connect. */
  synced: boolean;
  /** Local edits the server has not yet confirmed as stored; "Saved" means zero. */
  unsaved: number;
  /** Why the server ended the connection for good (signed out, access withdrawn), in words; null while it may reconnect. */
  ended: string | null;
  /** Whether the server lets this connection write; null until it says. */
  writable: boolean | null;
  /** Local edits thrown away because the server refused them (the document had become read-only). */
  discarded: number;
}

/** How to open a session. */
export interface CollabSessionOptions {
  /** A WebSocket class (tests pass one that sends a cookie); the browser's by default. */
  WebSocketPolyfill?: typeof WebSocket;
  maxBackoffTime?: number;
  /** Start disconnected (the browser is offline). */
  connect?: boolean;
  /** Called after every change of state, and after the Y.Doc was rebuilt. */
  onChange?: (state: SessionState) => void;
  /** The server refused an edit, or changed this connection's access: re-read the permissions. */
  onAccessChanged?: () => void;
}

/** What a close the provider will not retry (codes 4400-4499, server/collab/limits.ts) means for the person. */
export function endedReason(code: number, reason = ""): string {
  if (code === CloseCode.signedOut) return reason === "session expired" ? "Your session has expired. Sign in again to keep working." : "You signed out in another tab. Sign in again to keep working.";
  if (code === CloseCode.forbidden) return "You no longer have access to this document.";
  if (code === CloseCode.gone) return "This document no longer exists.";
  if (code === CloseCode.tooManyConnections) return "This document is open in too many of your tabs. Close some, then reload this one.";
  return "The connection was closed because of a problem on this page. Reload it to carry on.";
}

type CountingSocket = WebSocket & { framesSent: number };

/** A live document connection whose Y.Doc and provider are replaced when the server refuses our edits. */
export class CollabSession {
  ydoc!: Y.Doc;
  provider!: WebsocketProvider;
  state: SessionState = { status: "connecting", loaded: false, synced: false, unsaved: 0, ended: null, writable: null, discarded: 0 };
  /** The socket frame that carried the latest local edit, "sync" when the next sync step 2 will, null when all is confirmed. */
  private needed: number | "sync" | null = null;
  private readonly socketClass: typeof WebSocket;
  private destroyed = false;

  constructor(
    private readonly serverUrl: string,
    private readonly documentId: string,
    private readonly options: CollabSessionOptions = {},
  ) {
    this.socketClass = countingSocket(options.WebSocketPolyfill ?? WebSocket, (ws, data) => this.sent(ws, data));
    this.open(options.connect ?? true);
  }

  /** Saved: every local edit is confirmed stored. */
  get saved(): boolean {
    return this.needed === null;
  }

  /** Reconnects after going offline (unless the server ended the session). */
  connect(): void {
    if (!this.state.ended) this.provider.connect();
  }

  /** Disconnects (the browser went offline); local edits are kept and sync on reconnect. */
  disconnect(): void {
    this.provider.disconnect();
  }

  /** Ends the session for good. */
  destroy(): void {
    this.destroyed = true;
    this.provider.destroy();
    this.ydoc.destroy();
  }

  private open(connect: boolean): void {
    const ydoc = new Y.Doc();
    // No BroadcastChannel: edits travel through the server only, so "saved" means the server has them.
    const provider = new WebsocketProvider(this.serverUrl, this.documentId, ydoc, {
      WebSocketPolyfill: this.socketClass,
      disableBc: true,
      connect,
      ...(this.options.maxBackoffTime ? { maxBackoffTime: this.options.maxBackoffTime } : {}),
    });
    this.ydoc = ydoc;
    this.provider = provider;
    this.needed = null;
    Object.assign(this.state, { loaded: false, synced: false, unsaved: 0 });

    // Registered after the provider's own listener, so a local edit has already been sent (if it could be).
    ydoc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      this.state.unsaved++;
      const ws = provider.ws as CountingSocket | null;
      this.needed = provider.wsconnected && ws && ws.readyState === ws.OPEN ? ws.framesSent : "sync";
      this.publish();
    });
    provider.on("status", () => this.publish());
    provider.on("sync", () => this.publish());
    provider.on("connection-close", () => {
      // Frames sent on that socket and not confirmed go again in the next connection's sync step 2.
      if (this.needed !== null) this.needed = "sync";
    });
    provider.on("closed", ({ code, reason }) => {
      if (code === CloseCode.readOnly) return this.rebuild();
      this.state.ended = endedReason(code, reason);
      this.publish();
    });
    provider.messageHandlers[AUTH_MESSAGE] = (_encoder, decoder: decoding.Decoder) => this.notice(decoder);
    this.publish();
  }

  private notice(decoder: decoding.Decoder): void {
    const notice = readNotice(decoder);
    if (!notice) return;
    if (notice.type === "saved") {
      if (typeof this.needed === "number" && notice.frame >= this.needed) {
        this.needed = null;
        this.state.unsaved = 0;
      }
    } else if (notice.type === "access") {
      const changed = this.state.writable !== null && this.state.writable !== notice.writable;
      this.state.writable = notice.writable;
      if (changed) this.options.onAccessChanged?.();
    } else {
      this.state.writable = false;
      this.options.onAccessChanged?.();
    }
    this.publish();
  }

  /** The socket is sending a frame: a sync step 2 carries every local edit the server lacks. */
  private sent(ws: CountingSocket, data: unknown): void {
    if (ws !== this.provider?.ws || this.needed !== "sync") return;
    const bytes = data instanceof Uint8Array ? data : null;
    if (bytes && bytes[0] === 0 && bytes[1] === 1) this.needed = ws.framesSent;
  }

  /** Drops the refused local state: a fresh Y.Doc (a new Yjs client id) synced read-only from the server. */
  private rebuild(): void {
    if (this.destroyed) return;
    const old = { provider: this.provider, ydoc: this.ydoc };
    this.state.discarded += this.state.unsaved;
    this.state.writable = false;
    this.open(true);
    old.provider.destroy();
    old.ydoc.destroy();
    this.options.onAccessChanged?.();
  }

  private publish(): void {
    if (this.destroyed) return;
    const { provider } = this;
    const status = provider.wsconnected ? "connected" : provider.wsconnecting ? "connecting" : "disconnected";
    this.state.status = status;
    this.state.synced = provider.synced;
    this.state.loaded ||= provider.synced || status === "disconnected";
    if (this.needed === null) this.state.unsaved = 0;
    this.options.onChange?.({ ...this.state });
  }
}

/** A WebSocket subclass that counts the frames it sends, as the server counts those it handles. */
function countingSocket(Base: typeof WebSocket, onSend: (ws: CountingSocket, data: unknown) => void): typeof WebSocket {
  return class CountingWebSocket extends Base {
    framesSent = 0;
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      this.framesSent++;
      onSend(this as unknown as CountingSocket, data);
      super.send(data);
    }
  };
}
