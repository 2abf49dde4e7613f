/**
 * The collab server's control messages across processes: a lock before approval, permission
 * re-checks after a status, role or membership change, and sign-outs. The process where the
 * change happened acts at once (and the route awaits it); every other process acts when the
 * message arrives. The lock is answered: each process that has the room replies once its
 * editors are read-only and what they sent is stored, so the approval's snapshot holds every
 * edit accepted anywhere before it. When the bus comes back after a loss, every process
 * re-checks all its sockets, since a re-check may have been missed.
 */
import { randomUUID } from "node:crypto";
import type { Collab } from "../collab/index.js";
import type { Logger } from "../logger.js";
import type { ControlBus } from "./controlBus.js";

const TOPIC = "collab:control";
/** How long a lock waits for the other processes' answers before the snapshot is taken anyway. */
const LOCK_ANSWER_MS = 2000;

type ControlMessage =
  | { type: "lockWriters"; documentId: string; request: string }
  | { type: "locked"; request: string }
  | { type: "refreshDocument"; documentId: string }
  | { type: "refreshUser"; userId: string }
  | { type: "endSession"; sessionId: string };

/** What the routes' hooks call: each acts here and on every other process. */
export interface ClusterCollabControl {
  /** Resolves once editors everywhere are read-only and what they sent is stored (or the answers time out). */
  lockWriters(documentId: string): Promise<void>;
  refreshPermissions(documentId: string): Promise<void>;
  refreshUser(userId: string): Promise<void>;
  endSession(sessionId: string): void;
  /** Stops hearing the bus (shutdown). */
  dispose(): void;
}

export function wireCollabControl(bus: ControlBus, collab: Collab, logger: Logger, options: { lockAnswerMs?: number } = {}): ClusterCollabControl {
  const failed = (what: string) => (err: unknown) => logger.error(`collab control: ${what} failed`, { err: String(err) });
  /** Locks this process asked for, by request id: the answers still awaited. */
  const asked = new Map<string, { awaited: number; done: () => void }>();
  const offMessages = bus.subscribe(TOPIC, (message, from) => {
    // This process acted before publishing.
    if (from === bus.processId) return;
    const m = message as ControlMessage;
    switch (m.type) {
      case "lockWriters": {
        // Only a process with the room was counted (by its subscription to the room's channel).
        const answers = collab.holdsRoom(m.documentId);
        return void collab
          .lockWriters(m.documentId)
          .then(() => answers && tell({ type: "locked", request: m.request }))
          .catch(failed("lock before approval"));
      }
      case "locked": {
        const waiting = asked.get(m.request);
        if (waiting && --waiting.awaited <= 0) waiting.done();
        return;
      }
      case "refreshDocument":
        return void collab.refreshPermissions(m.documentId).catch(failed("permission re-check"));
      case "refreshUser":
        return void collab.refreshUser(m.userId).catch(failed("person re-check"));
      case "endSession":
        return collab.endSession(m.sessionId);
    }
  });
  const offResume = bus.onResume(() => void collab.refreshAll().catch(failed("re-check after the bus came back")));
  const tell = (message: ControlMessage) => bus.publish(TOPIC, message);
  return {
    async lockWriters(documentId) {
      const here = collab.lockWriters(documentId);
      const request = randomUUID();
      // Counted before the lock goes out, so every process that hears it with the room open was counted.
      const others = await bus.listeners(documentId).catch(() => 0);
      const answered = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          logger.warn("collab control: not every process answered the lock before approval in time", { documentId, unanswered: asked.get(request)?.awaited });
          asked.delete(request);
          resolve();
        }, options.lockAnswerMs ?? LOCK_ANSWER_MS);
        const done = () => {
          clearTimeout(timer);
          asked.delete(request);
          resolve();
        };
        if (others > 0) asked.set(request, { awaited: others, done });
        else done();
      });
      tell({ type: "lockWriters", documentId, request });
      await Promise.all([here, answered]);
    },
    async refreshPermissions(documentId) {
      tell({ type: "refreshDocument", documentId });
      await collab.refreshPermissions(documentId);
    },
    async refreshUser(userId) {
      tell({ type: "refreshUser", userId });
      await collab.refreshUser(userId);
    },
    endSession(sessionId) {
      collab.endSession(sessionId);
      tell({ type: "endSession", sessionId });
    },
    dispose() {
      offMessages();
      offResume();
    },
  };
}
