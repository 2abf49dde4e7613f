/**
 * The document's server push (GET /api/documents/:id/events, server-sent events): `comments` when
 * a thread changes, `status` when the document moves. One EventSource per open document page.
 */
import { useEffect, useMemo } from "react";

/** The events the server pushes about a document. */
export type DocumentEventType = "comments" | "status" | "versions";

/** Listeners by event type; `subscribe` returns the unsubscribe function. */
export interface DocumentEventHub {
  subscribe(type: DocumentEventType, listener: () => void): () => void;
}

function createHub() {
  const listeners = new Map<DocumentEventType, Set<() => void>>();
  return {
    subscribe(type: DocumentEventType, listener: () => void) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(type: DocumentEventType) {
      for (const listener of listeners.get(type) ?? []) listener();
    },
  };
}

const TYPES: DocumentEventType[] = ["comments", "status", "versions"];

/** Opens the event stream while mounted; after a reconnect it emits every type, since events may have been missed. */
export function useDocumentEvents(documentId: string): DocumentEventHub {
  const hub = useMemo(() => createHub(), [documentId]);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/documents/${encodeURIComponent(documentId)}/events`);
    let connectedBefore = false;
    source.addEventListener("ready", () => {
      if (connectedBefore) for (const type of TYPES) hub.emit(type);
      connectedBefore = true;
    });
    for (const type of TYPES) source.addEventListener(type, () => hub.emit(type));
    return () => source.close();
  }, [documentId, hub]);
  return hub;
}
