/**
 * The progress bus: "the extracted blocks of document D in school S changed", published by the
 * extractor after each write that changed a row, and pushed to open trackers and dashboards
 * over server-sent events (GET /api/progress/events). Given a control bus, it reaches the
 * trackers open on every process.
 */
import { EventEmitter } from "node:events";
import type { ControlBus } from "../scale/controlBus.js";

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

  constructor(private readonly bus?: ControlBus) {
    // Every open tracker or dashboard holds one listener; there is no sensible small cap.
    this.emitter.setMaxListeners(0);
    bus?.subscribe("events:progress", (message) => this.emitter.emit(TOPIC, message as ProgressEvent));
  }

  /** Tells every listener that a document's extracted rows changed. */
  publish(event: Omit<ProgressEvent, "type">): void {
    const message = { type: "progress", schoolId: event.schoolId, documentId: event.documentId } satisfies ProgressEvent;
    // The bus delivers to this process too, at once.
    if (this.bus) this.bus.publish("events:progress", message);
    else this.emitter.emit(TOPIC, message);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ProgressEvent) => void): () => void {
    this.emitter.on(TOPIC, listener);
    return () => this.emitter.off(TOPIC, listener);
  }
}
