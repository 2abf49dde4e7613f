/** Real y-websocket clients for collab tests: stock WebsocketProvider over `ws`, signed in by cookie. */
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CollabSession } from "../../client/src/editor/CollabSession.js";
import { eventually } from "../support.js";

/** A ws WebSocket class that sends a session cookie, as a browser would on the upgrade. */
export function cookieWebSocket(cookie: string | null) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  };
}

/** One collaborating client and what it saw. */
export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** Reasons of "permission denied" auth messages received. */
  denied: string[];
  /** Close events from the server. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** The WebSocket base URL of a server's collab endpoint. */
export const collabUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, "ws")}/collab`;

/** Connects a stock WebsocketProvider to /collab/<documentId> with a cookie (null for anonymous). */
export function connectClient(
  httpUrl: string,
  documentId: string,
  cookie: string | null,
  options: { doc?: Y.Doc; connect?: boolean } = {},
): Client {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(collabUrl(httpUrl), documentId, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
    // Same-process clients would otherwise sync over BroadcastChannel and bypass the server.
    disableBc: true,
    maxBackoffTime: 300,
    connect: options.connect ?? true,
  });
  const denied: string[] = [];
  const closes: { code: number; reason: string }[] = [];
  // The stock handler only console.warns; record the reason instead, keeping the protocol intact.
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) denied.push(decoding.readVarString(decoder));
  };
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    text: doc.getText("body"),
    denied,
    closes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until a client has completed its sync exchange with the server. */
export function synced(client: Client, timeout = 5000): Promise<void> {
  return eventually(
    () => {
      if (!client.provider.synced) throw new Error("not synced yet");
    },
    { timeout },
  );
}

/** Opens a raw socket; resolves with it open, or with the HTTP status the server refused with. */
export function rawSocket(httpUrl: string, documentId: string, cookie: string | null): Promise<{ ws: WebSocket } | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new (cookieWebSocket(cookie))(`${collabUrl(httpUrl)}/${documentId}`);
    ws.binaryType = "nodebuffer";
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once("error", (err) => reject(err));
  });
}

/** Collects frames and the close event of a raw socket. */
export function record(ws: WebSocket): { frames: Uint8Array[]; closed: Promise<{ code: number; reason: string }> } {
  const frames: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { frames, closed };
}

/**
 * Sends a sync step 1 on the client's socket and waits for the server's step 2 answer. The
 * server handles a socket's messages in order, so everything the client sent before has been
 * dealt with (and any refusal already received) once this resolves.
 */
export function roundTrip(client: Client): Promise<void> {
  const ws = client.provider.ws;
  if (!ws) throw new Error("client is not connected");
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const data = new Uint8Array(event.data as ArrayBuffer);
      if (data[0] !== 0 || data[1] !== syncProtocol.messageYjsSyncStep2) return;
      ws.removeEventListener("message", onMessage);
      resolve();
    };
    ws.addEventListener("message", onMessage);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, client.doc);
    ws.send(encoding.toUint8Array(encoder));
  });
}

/** The editor's own session (client/src/editor/CollabSession.ts) over `ws`, signed in by cookie. */
export function connectSession(httpUrl: string, documentId: string, cookie: string | null): CollabSession {
  return new CollabSession(collabUrl(httpUrl), documentId, {
    WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 300,
  });
}

/** Waits until a session has synced and the server has said whether it may write. */
export function sessionReady(session: CollabSession, writable?: boolean, timeout = 5000): Promise<void> {
  return eventually(
    () => {
      if (!session.state.synced) throw new Error("not synced yet");
      if (writable !== undefined && session.state.writable !== writable) throw new Error(`writable is ${session.state.writable}`);
    },
    { timeout },
  );
}
