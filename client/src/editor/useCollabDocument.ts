/**
 * One document's Y.Doc and its y-websocket connection to `/collab/<documentId>` as React state,
 * with the connection state people see: online or offline, and whether the server has confirmed
 * their edits as stored. Edits made offline live in the page's Y.Doc and go up in the sync
 * exchange when the socket returns. The work is done by CollabSession; this binds it to the page.
 */
import { useEffect, useRef, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { CollabSession, endedReason, type SessionState } from "./CollabSession.js";

export { endedReason };

/** The connection as the editor shows it. */
export type ConnectionState = SessionState;

export interface CollabDocument {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
}

/** The socket URL for a document: same host as the page, ws or wss to match it. */
export function collabUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/**
 * Creates the session for a document. `onAccessChanged` hears when the server refuses our edits
 * or changes what this connection may do; `collab` is replaced when the Y.Doc is rebuilt.
 */
export function useCollabDocument(documentId: string, onAccessChanged: () => void) {
  const [collab, setCollab] = useState<CollabDocument | null>(null);
  const [connection, setConnection] = useState<ConnectionState>({ status: "connecting", loaded: false, synced: false, unsaved: 0, ended: null, writable: null, discarded: 0 });
  const accessChanged = useRef(onAccessChanged);
  accessChanged.current = onAccessChanged;

  useEffect(() => {
    let current: CollabDocument | null = null;
    const session = new CollabSession(collabUrl(), documentId, {
      connect: navigator.onLine,
      onAccessChanged: () => accessChanged.current(),
      onChange: (state) => {
        setConnection(state);
        // A rebuilt session has a new Y.Doc: the editor binds to it afresh.
        if (current && current.ydoc !== session.ydoc) {
          current = { ydoc: session.ydoc, provider: session.provider };
          setCollab(current);
        }
      },
    });
    current = { ydoc: session.ydoc, provider: session.provider };
    setCollab(current);
    setConnection({ ...session.state });

    // The browser knows before the socket does; waiting for a heartbeat to time out takes 30 s.
    const goOffline = () => session.disconnect();
    const goOnline = () => session.connect();
    // Closing the tab while edits are unconfirmed asks the browser to warn.
    const warnUnsaved = (e: BeforeUnloadEvent) => {
      if (session.saved) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    window.addEventListener("beforeunload", warnUnsaved);
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      window.removeEventListener("beforeunload", warnUnsaved);
      session.destroy();
      setCollab(null);
    };
  }, [documentId]);

  return { collab, connection };
}
