/** What the app needs from the outside, and what middleware puts on each request's context. */
import type * as Y from "yjs";
import type { Db } from "../db/client.js";
import type { Env } from "../env.js";
import type { LoginThrottle } from "../auth/loginThrottle.js";
import type { Logger } from "../logger.js";
import type { DocumentEvents, PersonEvents } from "../events/documentEvents.js";
import type { ProgressEvents } from "../events/progressEvents.js";
import type { VersionCapture } from "../commands/documentStatusChanger.js";
import type { Actor } from "../policies/index.js";
import type { Notifier } from "../notifications/Notifier.js";
import type { ControlBus } from "../scale/controlBus.js";

export interface AppDeps {
  db: Db;
  env: Env;
  logger: Logger;
  throttle: LoginThrottle;
  /** Pushes comment and status changes to open document pages. */
  events: DocumentEvents;
  /** Per-person pushes (new notifications). */
  people: PersonEvents;
  /** Pushes "extracted blocks changed" to open trackers and dashboards. */
  progress: ProgressEvents;
  /** Hooks other parts of the server register (the collab server, extraction). */
  hooks: AppHooks;
  /** In-app notifications and the emails that follow them (server/notifications). */
  notifier: Notifier;
  /** The control bus between processes (server/scale); in-process without REDIS_URL. */
  bus?: ControlBus;
}

/** Late-bound collaborators, so routes need not import the collab server. */
export interface AppHooks {
  /** Called after a document is created, to write its template into the Y.Doc. */
  onDocumentCreated?: (doc: { id: string; kind: string; framework: string | null }, actor: Actor) => Promise<void>;
  /** The document's current Yjs state (with unflushed edits) and its blocks, for a named version. */
  captureVersion?: (documentId: string) => Promise<VersionCapture>;
  /** Server-side edits of a document's Y.Doc, live to every open editor (the collab server). */
  changeDocument?: (documentId: string, fn: (doc: Y.Doc) => void, userId: string | null) => Promise<void>;
  /** The document's current Yjs state, including edits not yet stored. */
  documentState?: (documentId: string) => Promise<Uint8Array>;
  /** Called after a document's status changes, so open rooms re-check who may write. */
  onDocumentStatusChanged?: (documentId: string) => Promise<void>;
  /** Makes a document's open editors read-only at once (before an approval captures its version); onDocumentStatusChanged lifts it. */
  lockWriters?: (documentId: string) => Promise<void>;
  /** Called after someone's roles change, so their open sockets keep only the access they still have. */
  onAccessChanged?: (userId: string) => Promise<void>;
  /** Called after a session ends, so sockets opened with it close. */
  onSessionEnded?: (sessionId: string) => void;
  /** True once the process is draining (SIGTERM): /readyz turns traffic away at once. */
  draining?: () => boolean;
}

export interface AppVariables {
  actor: Actor | null;
  sessionId: string | null;
  deps: AppDeps;
}

export type AppEnv = { Variables: AppVariables };
