/**
 * One document's Y.Doc and its y-websocket connection to `/collab/<documentId>`, with the
 * connection state people see: online or offline, and whether their edits have reached the server.
 * Edits made offline live in the page's Y.Doc and go up in the sync exchange when the socket returns.
 */
import { useEffect, useRef, useState } from "react";
import * as authProtocol from "y-protocols/auth";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface ConnectionState {
  status: "connecting" | "connected" | "disconnected";
  /**
   * The document's content has arrived (first sync), or the first attempt to connect failed.
   * The editor waits for this: built from a synced Y.Doc, its node views mount in one React
   * batch instead of one synchronous render each (seconds for a 1,000-block plan).
   */
  loaded: boolean;
  /** The first sync with the server has completed since the last (re)connect. */
  synced: boolean;
  /** Local edits not yet handed to the server. */
  unsaved: number;
  /** Why the server ended the connection for good (signed out, access withdrawn), in words; null while it may reconnect. */
  ended: string | null;
}

export interface CollabDocument {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
}

const AUTH_MESSAGE = 2;

/** What a close the provider will not retry (codes 4400-4499, server/collab/limits.ts) means for the person. */
export function endedReason(code: number): string {
  if (code === 4401) return "You signed out in another tab. Sign in again to keep working.";
  if (code === 4403) return "You no longer have access to this document.";
  if (code === 4404) return "This document no longer exists.";
  return "The connection was closed because of a problem on this page. Reload it to carry on.";
}

/** The socket URL for a document: same host as the page, ws or wss to match it. */
export function collabUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/** Creates the Y.Doc and provider for a document; `onDenied` hears when the server refuses our edits. */
export function useCollabDocument(documentId: string, onDenied: (reason: string) => void) {
  const [collab, setCollab] = useState<CollabDocument | null>(null);
  const [connection, setConnection] = useState<ConnectionState>({ status: "connecting", loaded: false, synced: false, unsaved: 0, ended: null });
  const denied = useRef(onDenied);
  denied.current = onDenied;

  useEffect(() => {
    const ydoc = new Y.Doc();
    // No BroadcastChannel: edits travel through the server only, so "saved" means the server has them.
    const provider = new WebsocketProvider(collabUrl(), documentId, ydoc, { disableBc: true });
    let unsaved = 0;
    let loaded = false;
    let ended: string | null = null;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;

    const publish = () => {
      const status = provider.wsconnected ? "connected" : provider.wsconnecting ? "connecting" : "disconnected";
      loaded ||= provider.synced || status === "disconnected";
      setConnection({ status, loaded, synced: provider.synced, unsaved, ended });
    };
    // An update counts as saved once the socket has written it out; the server commits within 100 ms.
    const watchFlush = () => {
      clearTimeout(flushTimer);
      if (!provider.wsconnected || !provider.synced) return;
      if ((provider.ws?.bufferedAmount ?? 0) > 0) {
        flushTimer = setTimeout(watchFlush, 50);
        return;
      }
      unsaved = 0;
      publish();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      unsaved++;
      publish();
      clearTimeout(flushTimer);
      flushTimer = setTimeout(watchFlush, 0);
    };
    const onStatus = () => publish();
    const onSync = (synced: boolean) => {
      publish();
      if (synced) watchFlush();
    };
    ydoc.on("update", onUpdate);
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    const onClosed = ({ code }: { code: number }) => {
      ended = endedReason(code);
      publish();
    };
    provider.on("closed", onClosed);

    provider.messageHandlers[AUTH_MESSAGE] = (_encoder, decoder, p) => {
      authProtocol.readAuthMessage(decoder, p.doc, (_doc, reason) => denied.current(reason));
    };

    // The browser knows before the socket does; waiting for a heartbeat to time out takes 30 s.
    const goOffline = () => provider.disconnect();
    const goOnline = () => {
      if (!ended) provider.connect();
    };
    const warnUnsaved = (e: BeforeUnloadEvent) => {
      if (unsaved > 0) e.preventDefault();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    window.addEventListener("beforeunload", warnUnsaved);
    if (!navigator.onLine) provider.disconnect();
    publish();

    setCollab({ ydoc, provider });
    return () => {
      clearTimeout(flushTimer);
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      window.removeEventListener("beforeunload", warnUnsaved);
      ydoc.off("update", onUpdate);
      provider.destroy();
      ydoc.destroy();
      setCollab(null);
    };
  }, [documentId]);

  return { collab, connection };
}
