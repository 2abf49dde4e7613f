/**
 * An in-process bus for "something about document X changed" (comments, status), pushed to open
 * pages over server-sent events. One process serves the trust; scale-out would bridge it over Redis.
 */
import { EventEmitter } from "node:events";

export interface DocumentEvent {
  type: "comments" | "status" | "versions";
  documentId: string;
  /** The thread, version or status the event is about, when there is one. */
  subjectId?: string;
}

export class DocumentEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open document page holds one listener; there is no sensible small cap.
    this.emitter.setMaxListeners(0);
  }

  publish(event: DocumentEvent): void {
    this.emitter.emit(event.documentId, event);
  }

  /** Returns the unsubscribe function. */
  subscribe(documentId: string, listener: (event: DocumentEvent) => void): () => void {
    this.emitter.on(documentId, listener);
    return () => this.emitter.off(documentId, listener);
  }
}
