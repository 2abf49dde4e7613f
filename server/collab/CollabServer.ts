/**
 * The y-websocket room server on /collab/<documentId>, sharing the HTTP server's port: it
 * admits upgrades through the policy module, runs rooms, and offers the rest of the server
 * ways in (server-side changes, permission refreshes, shutdown).
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { AdvisoryLocks } from "../db/advisoryLocks.js";
import type { Db } from "../db/client.js";
import { sessions } from "../db/schema/index.js";
import { documentResource, loadDocument } from "../documents/loadDocument.js";
import type { Env } from "../env.js";
import type { Logger } from "../logger.js";
import { loadActor } from "../policies/actor.js";
import { can, type Actor } from "../policies/index.js";
import { Compactor } from "./Compactor.js";
import { Connection } from "./Connection.js";
import { applyAll, readRows } from "./documentStore.js";
import type { CollabExtension, RoomContext } from "./extension.js";
import { Close, defaultLimits, type CollabLimits } from "./limits.js";
import { RoomRegistry, type RoomServices } from "./RoomRegistry.js";
import { UpdateLog, type UpdateLogOptions } from "./UpdateLog.js";
import { pendingBytes } from "./updateCheck.js";
import { RefusedEdits } from "./RefusedEdits.js";
import { LOCAL_ONLY, type RoomRelay } from "./relay.js";
import { writeAudit } from "../commands/auditLogger.js";
import { authorizeUpgrade, isCollabPath, refuseUpgrade, type AdmittedConnection } from "./upgradeAuth.js";

/** What the collab server is built from. */
export interface CollabOptions {
  db: Db;
  env: Env;
  logger: Logger;
  /** Concerns hanging off the rooms (extraction, audit); called in order. */
  extensions?: readonly CollabExtension[];
  limits?: Partial<CollabLimits>;
  log?: Omit<UpdateLogOptions, "onStored" | "onCommitted" | "onAccepted" | "ids">;
  /** Carries stored updates and presence to other processes (server/scale); none by default. */
  relay?: RoomRelay;
  /** Advisory locks shared with the other processes (compaction takes one per document). */
  locks?: AdvisoryLocks;
}

/** The collab server's handle for the rest of Trellis. */
export interface Collab {
  /** Handles an HTTP upgrade; returns false (and leaves the socket alone) when the path is not /collab. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Applies a server-side change to a document (loading its room if needed), broadcasts it to
   * open connections and resolves once it is stored. `userId` is who it is done for, or null.
   */
  changeDocument(documentId: string, fn: (doc: Y.Doc) => void, userId: string | null): Promise<void>;
  /**
   * The document's current state as one Yjs update: the live room's doc (with edits not yet
   * flushed) when it is open here, else the stored state plus anything still queued.
   */
  documentState(documentId: string): Promise<Uint8Array>;
  /**
   * Makes every connection to a document read-only at once, before its version is captured for
   * approval, so no edit lands after the snapshot. Holds until refreshPermissions(documentId).
   * Resolves once every update this process accepted before the lock is stored.
   */
  lockWriters(documentId: string): Promise<void>;
  /** Whether this process has the document's room (so other processes may hear its edits). */
  holdsRoom(documentId: string): boolean;
  /** Re-checks every connection's read and write access to a document (after approval, say); lifts lockWriters. */
  refreshPermissions(documentId: string): Promise<void>;
  /** Re-checks every connection of one person, wherever they are (after their roles change). */
  refreshUser(userId: string): Promise<void>;
  /** Re-checks every open connection (the control bus came back, so a re-check may have been missed). */
  refreshAll(): Promise<void>;
  /** Closes the sockets opened with a session that has ended, so a sign-out ends live access too. */
  endSession(sessionId: string): void;
  /** Closes sockets whose session has expired or gone (the heartbeat runs this too). */
  checkSessions(): Promise<void>;
  /** Resolves once every accepted update is stored. */
  flushAll(): Promise<void>;
  /** Closes every socket (1001), flushes and unloads every room; for shutdown. Safe to call twice. */
  close(): Promise<void>;
  /** Live counts, for tests and diagnostics. */
  stats(): { rooms: number; connections: number; pendingUpdates: number; pendingBytes: number };
}

/** Builds the collab server. Attach `handleUpgrade` to the HTTP server's 'upgrade' event. */
export function createCollab(options: CollabOptions): Collab {
  const { db, env, logger } = options;
  const limits: CollabLimits = { ...defaultLimits(env.COLLAB_MAX_MESSAGE_BYTES), ...options.limits };
  const extensions = options.extensions ?? [];
  const compactor = new Compactor(db, logger, env.COLLAB_COMPACT_THRESHOLD, options.locks);
  const relay = options.relay ?? LOCAL_ONLY;
  // Other processes hear of an update once its INSERT has committed. Relaying it as it was
  // accepted, under a log id reserved ahead (the LogIdPool this replaced), lost the last updates
  // of a process killed mid-way in about half the runs of test/postgres/scale/haproxy.test.ts,
  // edits their authors had been told were Saved; it stays off until that is understood.
  const log = new UpdateLog(db, logger, {
    ...options.log,
    onStored: (id, n) => compactor.noteStored(id, n),
    onCommitted: (rows) => relay.stored(rows),
  });
  const services: RoomServices = { db, log, logger, limits, extensions, runHook, refused: new RefusedEdits(), relay };
  const rooms = new RoomRegistry(services, compactor);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
  const connections = new Set<Connection>();
  /** Documents whose writers are held read-only while an approval captures the version. */
  const locked = new Set<string>();
  let closing: Promise<void> | null = null;

  async function runHook(hook: "onLoad" | "onUnload", room: RoomContext): Promise<void> {
    for (const ext of extensions) {
      try {
        await ext[hook]?.(room);
      } catch (err) {
        logger.error(`collab: extension ${hook} failed`, { extension: ext.name, documentId: room.documentId, err: String(err) });
      }
    }
  }

  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      // A peer that vanished without a FIN would otherwise keep its room loaded for ever.
      if (!conn.alive) conn.terminate();
      else conn.ping();
    }
    void checkSessions().catch((err) => logger.error("collab: session check failed", { err: String(err) }));
  }, limits.heartbeatMs);
  heartbeat.unref();

  const schoolOf = (documentId: string) => async () => {
    const row = await loadDocument(db, documentId);
    if (!row) throw new Error(`document ${documentId} not found`);
    return row.doc.schoolId;
  };

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (!isCollabPath(req.url)) return false;
    // A client that drops mid-handshake must not surface as an uncaught socket error.
    socket.on("error", () => socket.destroy());
    void upgrade(req, socket, head).catch((err) => {
      logger.error("collab: upgrade failed", { url: req.url, err: String(err) });
      refuseUpgrade(socket, 500, "Something went wrong on our side");
    });
    return true;
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (closing) return refuseUpgrade(socket, 503, "Server shutting down");
    const decision = await authorizeUpgrade(db, req, env.PUBLIC_URL);
    if (!decision.ok) {
      logger.info("collab: upgrade refused", { url: req.url, status: decision.status });
      if (decision.actorId) {
        await writeAudit(db, logger, {
          action: "permission.denied",
          actorId: decision.actorId,
          details: { channel: "collab", path: req.url ?? "" },
          address: req.socket.remoteAddress ?? null,
        });
      }
      return refuseUpgrade(socket, decision.status, decision.message);
    }
    if (socket.destroyed || closing) return refuseUpgrade(socket, 503, "Server shutting down");
    const admitted = decision.admitted;
    wss.handleUpgrade(req, socket, head, (ws) => {
      admit(ws, admitted).catch((err) => {
        logger.error("collab: connection setup failed", { documentId: admitted.documentId, err: String(err) });
        ws.terminate();
      });
    });
  }

  async function admit(ws: WebSocket, admitted: AdmittedConnection): Promise<void> {
    const canWrite = admitted.canWrite && !locked.has(admitted.documentId);
    const conn = new Connection(ws, admitted.documentId, admitted.actor, canWrite, admitted.sessionId, logger, limits);
    const mine = open((c) => c.documentId === conn.documentId && c.actor.id === conn.actor.id);
    if (mine.length >= limits.maxConnectionsPerPerson) {
      conn.close(Close.tooManyConnections, `${mine.length} open`);
      return;
    }
    connections.add(conn);
    let room: Awaited<ReturnType<typeof rooms.acquire>> | null = null;
    ws.on("pong", () => (conn.alive = true));
    ws.on("error", (err: Error & { code?: string }) => {
      // ws has already answered an oversized frame with 1009; this records who sent it.
      logger.warn("collab: socket error", conn.describe({ code: err.code, err: err.message }));
      conn.markClosed();
    });
    ws.on("close", () => conn.markClosed());
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (conn.closed) return;
      if (!isBinary) return conn.close(Close.malformed, "text frame");
      if (room) room.receive(conn, data);
      else if (!conn.hold(data)) conn.close(Close.tryAgainLater, "backlog full while the document loaded");
    });
    conn.whenClosed(() => {
      connections.delete(conn);
      if (room) {
        room.leave(conn);
        rooms.release(room);
      }
    });
    try {
      const acquired = await rooms.acquire(admitted.documentId, schoolOf(admitted.documentId));
      if (conn.closed) return rooms.release(acquired);
      room = acquired;
      room.join(conn);
    } catch (err) {
      logger.error("collab: room failed to load", conn.describe({ err: String(err) }));
      conn.close(Close.tryAgainLater);
    }
  }

  async function changeDocument(documentId: string, fn: (doc: Y.Doc) => void, userId: string | null): Promise<void> {
    if (closing) throw new Error("collab server is shutting down");
    const room = await rooms.acquire(documentId, schoolOf(documentId));
    try {
      await room.change(fn, userId);
      await log.flush();
    } finally {
      rooms.release(room);
    }
  }

  async function documentState(documentId: string): Promise<Uint8Array> {
    const room = rooms.get(documentId);
    if (room) return Y.encodeStateAsUpdate(room.doc);
    const doc = new Y.Doc();
    applyAll(doc, await readRows(db, documentId), documentId, logger, log.pendingFor(documentId));
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }

  /** Reloads each connection's person and document (once each) and applies what the policy says now. */
  async function recheck(affected: Connection[]): Promise<void> {
    const actors = new Map<string, Promise<Actor>>();
    const documents = new Map<string, ReturnType<typeof loadDocument>>();
    for (const conn of affected) {
      let row = documents.get(conn.documentId);
      if (!row) {
        row = loadDocument(db, conn.documentId);
        documents.set(conn.documentId, row);
      }
      let actor = actors.get(conn.actor.id);
      if (!actor) {
        actor = loadActor(db, conn.actor);
        actors.set(conn.actor.id, actor);
      }
      const [doc, fresh] = await Promise.all([row, actor]);
      if (conn.closed) continue;
      if (!doc) {
        conn.close(Close.gone);
        continue;
      }
      conn.actor = fresh;
      const resource = documentResource(doc.doc);
      if (!can(conn.actor, "read", resource)) conn.close(Close.forbidden);
      else conn.canWrite = can(conn.actor, "update", resource) && !locked.has(conn.documentId);
    }
  }

  const open = (test: (c: Connection) => boolean) => [...connections].filter((c) => !c.closed && test(c));

  function lockWriters(documentId: string): Promise<void> {
    locked.add(documentId);
    for (const conn of open((c) => c.documentId === documentId)) conn.canWrite = false;
    return log.flush();
  }

  async function refreshPermissions(documentId: string): Promise<void> {
    locked.delete(documentId);
    await recheck(open((c) => c.documentId === documentId));
  }

  async function refreshUser(userId: string): Promise<void> {
    await recheck(open((c) => c.actor.id === userId));
  }

  function endSession(sessionId: string): void {
    for (const conn of open((c) => c.sessionId === sessionId)) conn.close(Close.signedOut);
  }

  async function checkSessions(): Promise<void> {
    const ids = [...new Set(open(() => true).map((c) => c.sessionId))];
    if (!ids.length) return;
    const rows = await db.select({ id: sessions.id, expiresAt: sessions.expiresAt }).from(sessions).where(inArray(sessions.id, ids));
    const now = Date.now();
    const live = new Set(rows.filter((r) => r.expiresAt.getTime() > now).map((r) => r.id));
    for (const conn of open((c) => !live.has(c.sessionId))) conn.close(Close.sessionExpired);
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      clearInterval(heartbeat);
      // Start the final flush first: it bounds how long a dead database can hold shutdown up.
      const logClosed = log.close();
      for (const conn of [...connections]) conn.close(Close.goingAway);
      await rooms.idle();
      const unsaved = await logClosed;
      await log.flush();
      await compactor.close();
      if (unsaved) logger.error("collab: updates not stored at shutdown", { updates: unsaved });
      // Sockets that ignored the close frame are cut so the HTTP server can finish closing.
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    })();
    return closing;
  }

  return {
    handleUpgrade,
    changeDocument,
    documentState,
    lockWriters,
    holdsRoom: (documentId) => rooms.holds(documentId),
    refreshPermissions,
    refreshUser,
    refreshAll: () => recheck(open(() => true)),
    endSession,
    checkSessions,
    flushAll: () => log.flush(),
    close,
    stats: () => ({
      rooms: rooms.all().length,
      connections: connections.size,
      pendingUpdates: log.pending,
      // Parked structs waiting for missing dependencies, over every room (bounded per connection).
      pendingBytes: rooms.all().reduce((n, room) => n + (room.state === "open" ? pendingBytes(room.doc) : 0), 0),
    }),
  };
}
