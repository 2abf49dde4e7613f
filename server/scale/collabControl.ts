/**
 * The collab server's control messages across processes: a lock before approval, permission
 * re-checks after a status, role or membership change, and sign-outs. The process where the
 * change happened acts at once (and the route awaits it); every other process acts when the
 * message arrives. When the bus comes back after a loss, every process re-checks all its
 * sockets, since a re-check may have been missed.
 */
import type { Collab } from "../collab/index.js";
import type { Logger } from "../logger.js";
import type { ControlBus } from "./controlBus.js";

const TOPIC = "collab:control";

type ControlMessage =
  | { type: "lockWriters"; documentId: string }
  | { type: "refreshDocument"; documentId: string }
  | { type: "refreshUser"; userId: string }
  | { type: "endSession"; sessionId: string };

/** What the routes' hooks call: each acts here and on every other process. */
export interface ClusterCollabControl {
  lockWriters(documentId: string): void;
  refreshPermissions(documentId: string): Promise<void>;
  refreshUser(userId: string): Promise<void>;
  endSession(sessionId: string): void;
  /** Stops hearing the bus (shutdown). */
  dispose(): void;
}

export function wireCollabControl(bus: ControlBus, collab: Collab, logger: Logger): ClusterCollabControl {
  const failed = (what: string) => (err: unknown) => logger.error(`collab control: ${what} failed`, { err: String(err) });
  const offMessages = bus.subscribe(TOPIC, (message, from) => {
    // This process acted before publishing.
    if (from === bus.processId) return;
    const m = message as ControlMessage;
    switch (m.type) {
      case "lockWriters":
        return collab.lockWriters(m.documentId);
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
    lockWriters(documentId) {
      collab.lockWriters(documentId);
      tell({ type: "lockWriters", documentId });
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
