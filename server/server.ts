/** Starts Trellis: database, app, HTTP listener, WebSocket upgrade, graceful shutdown. */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { LoginThrottle } from "./auth/loginThrottle.js";
import { ensureTierScheme, setupLinkIfEmpty } from "./bootstrap.js";
import { advisoryLocks, DocumentLeases } from "./db/advisoryLocks.js";
import { openDatabase, type Database } from "./db/client.js";
import type { Env } from "./env.js";
import type { AppDeps } from "./http/context.js";
import { assertPortFree, PortInUseError } from "./http/port.js";
import { createLogger } from "./logger.js";
import { CLIENT_DIR } from "./paths.js";
import { createCollab, type Collab, type CollabExtension } from "./collab/index.js";
import { templateOptions } from "./documents/templateOptions.js";
import { captureVersion } from "./documents/versionCapture.js";
import { writeTemplate } from "../shared/templates/index.js";
import { DocumentEvents, PersonEvents } from "./events/documentEvents.js";
import { ProgressEvents } from "./events/progressEvents.js";
import { createBus, UpdateRelay, wireCollabControl } from "./scale/index.js";
import { createProgressExtension } from "./progress/progressExtension.js";
import { createMailTransport } from "./mail/transport.js";
import { MailQueue } from "./mail/MailQueue.js";
import { Notifier } from "./notifications/Notifier.js";
import { DailyScheduler } from "./notifications/DailyScheduler.js";
import { watchFlags } from "./flags/flagNotifications.js";
import { createOwnershipListener } from "./notifications/ownershipListener.js";

export const DEFAULT_CLIENT_DIR = CLIENT_DIR;

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  deps: AppDeps;
  /** The /collab room server (tests drive it directly: changeDocument, flushAll, stats). */
  collab: Collab;
  /** The mail queue and the daily scheduler (tests drain and run them directly). */
  mail: MailQueue;
  scheduler: DailyScheduler;
  /** The Hono app (tests walk app.routes to probe every registered route). */
  app: ReturnType<typeof createApp>;
  /**
   * Drains and closes: /readyz answers 503 at once (and for env.DRAIN_DELAY_MS while the rest
   * still works), then the listener stops, sockets close with 1012 so clients reconnect
   * elsewhere, the update log and extraction flush, and the database closes. Safe to call twice.
   */
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  /** An already-open database (tests); otherwise one is opened from env. */
  database?: Database;
  clientDir?: string;
}

export async function startServer({ env, database, clientDir = DEFAULT_CLIENT_DIR }: StartOptions): Promise<RunningServer> {
  // A taken port fails here, before the database is opened, migrated or seeded.
  await assertPortFree(env.PORT, env.HOST);
  const logger = createLogger(env.LOG_LEVEL);
  const db = database ?? (await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR }));
  await ensureTierScheme(db.db);
  // Email links need the public address, known once the port is (PUBLIC_URL wins when set).
  let publicBase = env.PUBLIC_URL ?? "http://localhost";
  const mail = new MailQueue(db.db, createMailTransport({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logger }), logger, env.MAIL_RETRY_MS);
  // Events, re-checks, sign-outs and the update relay cross processes on this (Redis with REDIS_URL).
  const bus = createBus(env, logger);
  const people = new PersonEvents(bus);
  const notifier = new Notifier({ db: db.db, people, mail, logger, baseUrl: () => publicBase });
  const deps: AppDeps = { db: db.db, env, logger, throttle: new LoginThrottle({ db: db.db, redisUrl: env.REDIS_URL }), events: new DocumentEvents(bus), people, progress: new ProgressEvents(bus), hooks: {}, notifier, bus };
  const app = createApp(deps, { clientDir });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s as Server));
    // Taken since the check above: still one line, not a stack trace.
    s.once("error", (err) => reject(Object.assign(new PortInUseError(`Port ${env.PORT} on ${env.HOST} is already in use: ${err.message}`), { cause: err })));
  });
  // With several processes on one database, one of them extracts and compacts each document at a time.
  const locks = advisoryLocks({ databaseUrl: db.driver === "postgres" ? env.DATABASE_URL : undefined, redisUrl: env.REDIS_URL });
  const leases = new DocumentLeases(locks, logger, "extract");
  // Concerns hanging off the collab rooms, in order (extraction registers here).
  const collabExtensions: CollabExtension[] = [createProgressExtension({ db: db.db, logger, leases, onWritten: (room) => deps.progress.publish({ schoolId: room.schoolId, documentId: room.documentId }) }), createOwnershipListener(notifier)];
  const relay = bus.kind === "redis" ? new UpdateRelay(bus, logger, db.db) : undefined;
  const collab = createCollab({ db: db.db, env, logger, extensions: collabExtensions, locks, relay });
  const control = wireCollabControl(bus, collab, logger);
  server.on("upgrade", (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  deps.hooks.onDocumentStatusChanged = (id) => control.refreshPermissions(id);
  deps.hooks.lockWriters = (id) => control.lockWriters(id);
  deps.hooks.onAccessChanged = (userId) => control.refreshUser(userId);
  deps.hooks.onSessionEnded = (sessionId) => control.endSession(sessionId);
  deps.hooks.captureVersion = (id) => captureVersion(collab, id);
  deps.hooks.changeDocument = (id, fn, userId) => collab.changeDocument(id, fn, userId);
  deps.hooks.documentState = (id) => collab.documentState(id);
  // The server writes the template once, on creation, so two people opening a new document never get it twice.
  deps.hooks.onDocumentCreated = (doc) => collab.changeDocument(doc.id, (ydoc) => void writeTemplate(ydoc, templateOptions(doc)), null);
  const port = (server.address() as AddressInfo).port;
  const base = env.PUBLIC_URL ?? `http://localhost:${port}`;
  publicBase = base;
  mail.start();
  const scheduler = new DailyScheduler({ db: db.db, notifier, mail, logger, hour: env.NOTIFY_HOUR });
  if (env.NODE_ENV !== "test") scheduler.start();
  // A school's new high flag reaches the trust leads soon after the plan edit that raised it.
  const flagWatch = watchFlags({ db: db.db, notifier, progress: deps.progress, logger });
  const url = `http://127.0.0.1:${port}`;

  const setupPath = await setupLinkIfEmpty(db.db);
  if (setupPath) {
    logger.info("No accounts yet. Open this one-time link to create the first trust admin", { link: `${base}${setupPath}` });
  }
  logger.info("Trellis is listening", { url: base, database: db.driver });

  let stopped: Promise<void> | null = null;
  let draining = false;
  deps.hooks.draining = () => draining;
  const stop = () => {
    stopped ??= (async () => {
      draining = true;
      if (env.DRAIN_DELAY_MS) await new Promise((r) => setTimeout(r, env.DRAIN_DELAY_MS));
      // No new connections from here; a balancer retries them on another process.
      const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections?.();
      // Rooms flush (log and extraction) and sockets close (1012) while the database is still open.
      await collab.close();
      control.dispose();
      await relay?.dispose();
      flagWatch.stop();
      await scheduler.stop();
      await notifier.idle();
      await mail.stop();
      server.closeAllConnections?.();
      await listenerClosed;
      leases.close();
      await locks.close();
      await deps.throttle.close();
      await bus.close();
      if (!database) await db.close();
    })();
    return stopped;
  };
  return { url, port, database: db, deps, collab, app, mail, scheduler, stop };
}
