/**
 * The progress bus: "the extracted blocks of document D in school S changed", published by the
 * extractor after each write that changed a row, and pushed to open trackers and dashboards
 * over server-sent events (GET /api/progress/events). In-process, like the other buses.
 */
import { EventEmitter } from "node:events";

/** One write of extracted rows. */
export interface ProgressEvent {
  type: "progress";
  schoolId: string;
  documentId: string;
}

const TOPIC = "progress";

/** Every subscriber hears every school; the route filters by what the person may read. */
export class ProgressEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open tracker or dashboard holds one listener; there is no sensible small cap.
    this.emitter.setMaxListeners(0);
  }

  /** Tells every listener that a document's extracted rows changed. */
  publish(event: Omit<ProgressEvent, "type">): void {
    this.emitter.emit(TOPIC, { type: "progress", ...event } satisfies ProgressEvent);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ProgressEvent) => void): () => void {
    this.emitter.on(TOPIC, listener);
    return () => this.emitter.off(TOPIC, listener);
  }
}
