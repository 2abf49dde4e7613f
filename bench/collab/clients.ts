/** Client-side connectors for the two servers, each with its own stock provider and one socket per client. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** One connected client. */
export interface BenchClient {
  doc: Y.Doc;
  synced(): boolean;
  destroy(): void;
}

/** Opens a client on a document. */
export type Connect = (documentName: string) => BenchClient;

/** Stock y-websocket clients against Trellis's /collab, signed in with session cookies taken in turn. */
export function trellisConnector(port: number, cookies: readonly string[]): Connect {
  let next = 0;
  return (documentName) => {
    const cookie = cookies[next++ % cookies.length]!;
    class CookieWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, documentName, doc, {
      WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    return {
      doc,
      synced: () => provider.synced,
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  };
}

/** Hocuspocus's own provider against a stock @hocuspocus/server. */
export function hocuspocusConnector(port: number): Connect {
  return (documentName) => {
    const doc = new Y.Doc();
    // Its own socket per client, as with y-websocket (Hocuspocus would otherwise multiplex).
    const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc });
    provider.attach();
    return {
      doc,
      synced: () => provider.isSynced,
      destroy: () => {
        provider.destroy();
        socket.destroy();
      },
    };
  };
}

/** Opens clients in batches and waits until every one has synced. */
export async function connectAll(connect: Connect, names: string[], batch = 50): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < names.length; i += batch) {
    const group = names.slice(i, i + batch).map((n) => connect(n));
    clients.push(...group);
    await until(() => group.every((c) => c.synced()), 60_000, `clients ${i}..${i + group.length} to sync`);
  }
  return clients;
}

/** Polls until a condition holds. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
