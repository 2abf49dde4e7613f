/**
 * One open document: its Y.Doc, its presence and its connections. The room reads y-websocket
 * messages, applies accepted updates with the sender's origin, hands them to the update log
 * and the extensions, and broadcasts them. It knows no extension by name.
 */
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { Connection } from "./Connection.js";
import { applyAll, readRows } from "./documentStore.js";
import { readRowsWithAuthors } from "./catchUpRows.js";
import type { RoomContext, UpdateOrigin } from "./extension.js";
import type { RelaySink } from "./relay.js";
import { Close, type CloseReason } from "./limits.js";
import {
  decodeClientMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
  type ClientMessage,
} from "./protocol.js";
import { RoomAwareness } from "./RoomAwareness.js";
import type { RoomServices } from "./RoomRegistry.js";
import { decodeUpdateSafely, holdsNothingNew, newStructRanges, pendingBytes, touchesRanges } from "./updateCheck.js";
import { encodeAccess, encodeSaved } from "../../shared/collab.js";

/** The reason text of the y-protocols auth message sent for a refused update. */
export const PERMISSION_DENIED = "permission denied";

const SERVER_ORIGIN: UpdateOrigin = Object.freeze({ userId: null, source: "server" });

/** A loaded document with its connections. */
export class Room implements RelaySink {
  readonly connections = new Set<Connection>();
  /** Holders (connections and server-side changes); the room unloads when this drops to zero. */
  refs = 0;
  state: "open" | "unloading" = "open";
  context: RoomContext;
  private readonly presence: RoomAwareness;
  private captured: [Uint8Array, unknown][] | null = null;
  /** While the doc reloads after a bad update, messages wait here in order. */
  private paused: (() => void)[] | null = null;


  constructor(
    readonly documentId: string,
    readonly schoolId: string,
    doc: Y.Doc,
    private readonly services: RoomServices,
  ) {
    this.context = this.attach(doc);
    this.presence = new RoomAwareness((m) => this.broadcast(m), services.limits, (update) => services.relay.presence(documentId, update));
  }

  get doc(): Y.Doc {
    return this.context.doc;
  }

  private get logger(): Logger {
    return this.services.logger;
  }

  /** Adds a connection: asks for what it holds that we lack, and shows it who is here. */
  join(conn: Connection): void {
    this.whenRunning(() => {
      if (conn.closed) return;
      this.connections.add(conn);
      conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
      conn.send(encodeAccess(conn.canWrite));
      const present = this.presence.snapshot();
      if (present) conn.send(present);
      for (const frame of conn.takeBacklog()) this.receive(conn, frame);
    });
  }

  /** Removes a connection and its presence. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.forget(conn);
  }

  /** Handles one frame from a connection of this room. */
  receive(conn: Connection, data: Uint8Array): void {
    this.whenRunning(() => {
      if (conn.closed) return;
      conn.framesHandled++;
      let message: ClientMessage;
      try {
        message = decodeClientMessage(data);
        this.dispatch(conn, message);
      } catch (err) {
        if (err instanceof ProtocolError) {
          conn.close(err.kind === "unsupported" ? Close.unsupported : err.kind === "tooLarge" ? Close.presenceTooLarge : Close.malformed, err.message);
          return;
        }
        // Never let one message take the process down; close only its sender.
        this.logger.error("collab: message handling failed", conn.describe({ err: String((err as Error)?.stack ?? err) }));
        conn.close(Close.internal);
      }
    });
  }

  /** Applies a change made on the server (templates, inserted actions) and broadcasts it. */
  change(fn: (doc: Y.Doc) => void, userId: string | null): Promise<void> {
    const origin: UpdateOrigin = userId ? { userId, source: "server" } : SERVER_ORIGIN;
    return new Promise((resolve, reject) =>
      this.whenRunning(() => {
        // Server code is trusted: what a throwing change did apply is kept and stored, so the
        // room and the log never disagree.
        let thrown: unknown = null;
        const failure = this.applyCaptured(
          () =>
            this.doc.transact(() => {
              try {
                fn(this.doc);
              } catch (err) {
                thrown = err;
              }
            }, origin),
          () => true,
        );
        if (thrown) reject(thrown);
        else if (failure) reject(new Error(failure.error));
        else resolve();
      }),
    );
  }

  /** Applies an update another process stored: broadcast here, never stored or relayed again. */
  applyRemote(update: Uint8Array, userId: string | null): void {
    this.whenRunning(() => {
      const origin: UpdateOrigin = { userId, source: "remote" };
      const failure = this.applyCaptured(
        () => Y.applyUpdate(this.doc, update, origin),
        () => {
          const decoded = decodeUpdateSafely(update);
          return !!decoded && holdsNothingNew(this.doc, decoded);
        },
      );
      if (!failure) return;
      this.logger.error("collab: a relayed update failed to apply", { documentId: this.documentId, kept: failure.kept, err: failure.error });
      // It is stored, so the log has it: rebuilding from the log brings it in whole.
      if (!failure.kept) void this.reload();
    });
  }

  /** Presence from another process's clients: shown here, not relayed again. */
  applyRemotePresence(update: Uint8Array): void {
    this.whenRunning(() => this.presence.receiveRemote(update));
  }

  localPresence(): Uint8Array | null {
    return this.presence.localSnapshot();
  }

  /**
   * Applies whatever the log holds that the room lacks: relayed updates that never arrived
   * are stored all the same. Applying what the doc already has changes nothing, so the whole
   * tail is read (compaction keeps it short) rather than trusting ids, which concurrent
   * writers commit out of order.
   */
  async catchUp(): Promise<void> {
    const rows = await readRowsWithAuthors(this.services.db, this.documentId);
    if (this.state !== "open") return;
    this.whenRunning(() => {
      if (rows.snapshot) this.applyRemote(rows.snapshot, null);
      for (const row of rows.updates) this.applyRemote(row.update, row.userId);
    });
  }

  /** Closes every connection (shutdown, or the room could not recover). */
  closeAll(reason: CloseReason): void {
    for (const conn of [...this.connections]) conn.close(reason);
  }

  /** Frees the doc and presence; the room must have no connections. */
  destroy(): void {
    this.presence.destroy();
    this.doc.destroy();
  }

  private dispatch(conn: Connection, message: ClientMessage): void {
    switch (message.type) {
      case "syncStep1": {
        let reply: Uint8Array;
        try {
          reply = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        } catch {
          throw new ProtocolError("malformed", "state vector could not be decoded");
        }
        conn.send(encodeSyncStep2(reply));
        return;
      }
      case "syncStep2":
      case "update":
        this.receiveUpdate(conn, message.update);
        return;
      case "awareness":
        this.presence.receive(conn, message.update);
        return;
      case "queryAwareness": {
        const present = this.presence.snapshot();
        if (present) conn.send(present);
        return;
      }
    }
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    const decoded = decodeUpdateSafely(update);
    if (!decoded) throw new ProtocolError("malformed", "update could not be decoded");
    if (!conn.canWrite) {
      // A read-only client's sync step 2 usually holds nothing new; only real edits are refused.
      if (holdsNothingNew(this.doc, decoded)) return;
      this.services.refused.note(this.documentId, newStructRanges(this.doc, decoded));
      this.refuse(conn, "collab: refused update from read-only connection");
      return;
    }
    if (touchesRanges(decoded, this.services.refused.of(this.documentId))) {
      this.refuse(conn, "collab: refused an edit made while the document was read-only");
      return;
    }
    const pendingBefore = pendingBytes(this.doc);
    const failure = this.applyCaptured(
      () => Y.applyUpdate(this.doc, update, conn.origin),
      // Integrated in full means the throw came from a doc observer (an extension), not from
      // the update: keep it, as every other copy of the doc will hold it too.
      () => holdsNothingNew(this.doc, decoded),
    );
    if (failure && !failure.kept) {
      conn.close(Close.rejectedUpdate, failure.error);
      void this.reload();
      return;
    }
    if (failure) this.logger.error("collab: a document observer threw while applying an update", conn.describe({ err: failure.error }));
    if (this.trackPending(conn, pendingBefore)) this.acknowledge(conn);
  }

  /** Sends the refusal (a stock provider logs it), then closes so the client resyncs read-only. */
  private refuse(conn: Connection, message: string): void {
    this.logger.info(message, conn.describe());
    conn.send(encodePermissionDenied(PERMISSION_DENIED));
    conn.close(Close.readOnly);
  }

  /**
   * Yjs parks structs whose dependencies it lacks and re-merges them on every later update, in
   * memory and never stored. Attributes growth to the sender; past the cap the sender is closed
   * (it resyncs) and the doc is rebuilt from the log to drop what was parked. Returns whether
   * the sender's changes are all integrated (so stored once the log catches up).
   */
  private trackPending(conn: Connection, before: number): boolean {
    const after = pendingBytes(this.doc);
    if (after === 0) {
      for (const other of this.connections) {
        if (other.pendingBytes === 0) continue;
        other.pendingBytes = 0;
        if (other !== conn) this.acknowledge(other);
      }
      return true;
    }
    if (after > before) conn.pendingBytes += after - before;
    if (conn.pendingBytes > this.services.limits.maxPendingBytes) {
      conn.close(Close.missingDependencies, `${conn.pendingBytes} bytes waiting for missing dependencies`);
      void this.reload();
      return false;
    }
    // Owed once the gap closes (trackPending acknowledges then).
    conn.ackWanted = conn.framesHandled;
    return conn.pendingBytes === 0;
  }

  /**
   * Tells the client, once the update log has stored everything appended so far (and every
   * update relayed here from other processes is stored too), that every frame it sent up to
   * now is handled and stored. One notice in flight per connection; frames handled meanwhile
   * are covered by the next.
   */
  private acknowledge(conn: Connection): void {
    conn.ackWanted = Math.max(conn.ackWanted, conn.framesHandled);
    if (conn.acking || conn.closed || conn.pendingBytes > 0) return;
    conn.acking = true;
    const frame = conn.ackWanted;
    const relayed = this.services.relay.whenStored(this.documentId);
    void Promise.all([this.services.log.whenStored(), relayed]).then(([stored]) => {
      conn.acking = false;
      // Given up at shutdown: never claim it is saved.
      if (!stored || conn.closed) return;
      conn.send(encodeSaved(frame));
      if (conn.ackWanted > frame) this.acknowledge(conn);
    });
  }

  /**
   * Runs a doc mutation and accepts the updates it emitted. Yjs has no rollback: an update
   * that throws midway has already integrated part of itself, which nobody else holds and the
   * log never saw, so unless `keep()` says otherwise nothing is accepted and the caller must
   * reload the doc. Returns null on success, or the failure and whether its updates were kept.
   */
  private applyCaptured(mutate: () => void, keep: () => boolean): { error: string; kept: boolean } | null {
    const captured: [Uint8Array, unknown][] = [];
    this.captured = captured;
    let failure: { error: string; kept: boolean } | null = null;
    try {
      mutate();
    } catch (err) {
      failure = { error: String((err as Error)?.stack ?? err), kept: false };
    } finally {
      this.captured = null;
    }
    if (failure) failure.kept = keep();
    if (failure && !failure.kept) return failure;
    for (const [update, origin] of captured) this.accept(update, origin);
    return failure;
  }

  /** Stores, broadcasts and announces an update the doc has accepted. */
  private accept(update: Uint8Array, origin: unknown): void {
    const from = isUpdateOrigin(origin) ? origin : SERVER_ORIGIN;
    // Relayed updates were stored by the process that accepted them.
    if (from.source !== "remote") this.services.log.append(this.documentId, update, from.userId);
    const message = sameBuffer(encodeUpdate(update));
    for (const conn of this.connections) if (conn.origin !== origin) conn.send(message);
    for (const ext of this.services.extensions) {
      try {
        ext.onChange?.(this.context, { update, origin: from });
      } catch (err) {
        this.logger.error("collab: extension onChange failed", { extension: ext.name, documentId: this.documentId, err: String(err) });
      }
    }
  }

  private broadcast(message: Uint8Array): void {
    const shared = sameBuffer(message);
    for (const conn of this.connections) conn.send(shared);
  }

  private attach(doc: Y.Doc): RoomContext {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (this.captured) this.captured.push([update, origin]);
      // A change made outside the room's own paths (an extension's later edit) is accepted too.
      else this.accept(update, origin);
    });
    return { documentId: this.documentId, schoolId: this.schoolId, doc };
  }

  private whenRunning(fn: () => void): void {
    if (this.paused) this.paused.push(fn);
    else fn();
  }

  /**
   * Rebuilds the doc from the log (stored rows plus those still queued) after a half-applied
   * update, pausing the room meanwhile. Extensions see an unload and a load of the new doc.
   */
  private async reload(): Promise<void> {
    if (this.paused) return;
    this.paused = [];
    this.logger.warn("collab: reloading room after a rejected update", { documentId: this.documentId });
    try {
      await this.services.runHook("onUnload", this.context);
      const rows = await readRows(this.services.db, this.documentId);
      // The last connection may have left meanwhile; the registry is unloading this room.
      if (this.state !== "open") return;
      const doc = new Y.Doc();
      applyAll(doc, rows, this.documentId, this.logger, this.services.log.pendingFor(this.documentId));
      const old = this.doc;
      this.context = this.attach(doc);
      old.destroy();
      await this.services.runHook("onLoad", this.context);
      // Ask every client again for what the room lacks: what was dropped with the old doc
      // (parked structs, a half-applied update) comes back from whoever holds it.
      for (const conn of this.connections) {
        conn.pendingBytes = 0;
        conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
      }
    } catch (err) {
      this.logger.error("collab: room reload failed", { documentId: this.documentId, err: String(err) });
      this.closeAll(Close.tryAgainLater);
    } finally {
      const waiting = this.paused ?? [];
      this.paused = null;
      for (const fn of waiting) fn();
    }
  }
}

/**
 * The message as a Buffer over the same bytes, made once per broadcast: ws wraps any other
 * Uint8Array in a new Buffer on every send, so this is one object for all sockets, not one each.
 */
function sameBuffer(message: Uint8Array): Buffer {
  return Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
}

/** Whether a transaction origin is the room server's own (as opposed to a local edit in a test). */
export function isUpdateOrigin(origin: unknown): origin is UpdateOrigin {
  const o = origin as UpdateOrigin | null;
  return !!o && typeof o === "object" && (o.source === "connection" || o.source === "server" || o.source === "remote") && "userId" in o;
}
