/**
 * Buses pushed to open pages over server-sent events: "something about document X changed"
 * (comments, status) and "person Y has new notifications". Given a control bus, every event
 * travels through it, so a page open on any process hears what happened on any other.
 */
import { EventEmitter } from "node:events";
import type { ControlBus } from "../scale/controlBus.js";

export interface DocumentEvent {
  type: "comments" | "status" | "versions";
  documentId: string;
  /** The thread, version or status the event is about, when there is one. */
  subjectId?: string;
}

/**
 * What one person's open pages hear: new notifications, and the two control events that end
 * their streams (a session signed out; their roles changed, so access is re-checked).
 */
export type PersonEvent = { type: "notifications" } | { type: "session_ended"; sessionId: string } | { type: "access_changed" };

/** Person events that steer streams and are never forwarded to the browser. */
export const CONTROL_EVENTS: ReadonlySet<string> = new Set(["session_ended", "access_changed"]);

/** Events keyed by a subject id (a document, a person). */
class Topics<E> {
  private readonly emitter = new EventEmitter();

  /** With a bus, `topic` names this family of events on it. */
  constructor(
    private readonly bus: ControlBus | undefined,
    private readonly topic: string,
  ) {
    // Every open page holds one listener; there is no sensible small cap.
    this.emitter.setMaxListeners(0);
    // One subscription per family, filtered here by key: no subscribe race per page.
    bus?.subscribe(topic, (message) => {
      const { key, event } = message as { key: string; event: E };
      this.emitter.emit(key, event);
    });
  }

  protected emit(key: string, event: E): void {
    // The bus delivers to this process too, at once.
    if (this.bus) this.bus.publish(this.topic, { key, event });
    else this.emitter.emit(key, event);
  }

  /** Returns the unsubscribe function. */
  subscribe(key: string, listener: (event: E) => void): () => void {
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }
}

export class DocumentEvents extends Topics<DocumentEvent> {
  constructor(bus?: ControlBus) {
    super(bus, "events:document");
  }

  publish(event: DocumentEvent): void {
    this.emit(event.documentId, event);
  }
}

export class PersonEvents extends Topics<PersonEvent> {
  constructor(bus?: ControlBus) {
    super(bus, "events:person");
  }

  publish(userId: string, event: PersonEvent): void {
    this.emit(userId, event);
  }
}
