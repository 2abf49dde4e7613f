/**
 * The open rooms of this process: loads a room on first use, counts its holders, and unloads
 * it once the last one lets go and its writes are stored. A room being unloaded is waited
 * for and then loaded afresh, so a quick reconnect never sees half a room.
 */
import * as Y from "yjs";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Compactor } from "./Compactor.js";
import { applyAll, readRows } from "./documentStore.js";
import type { CollabExtension, RoomContext } from "./extension.js";
import type { CollabLimits } from "./limits.js";
import { Room } from "./Room.js";
import type { RefusedEdits } from "./RefusedEdits.js";
import { RelayInbox, type RoomRelay } from "./relay.js";
import type { UpdateLog } from "./UpdateLog.js";

/** What a room needs from the server around it. */
export interface RoomServices {
  db: Db;
  log: UpdateLog;
  logger: Logger;
  limits: CollabLimits;
  extensions: readonly CollabExtension[];
  /** What read-only connections tried to write, per document; outlives the room. */
  refused: RefusedEdits;
  /** Other processes with the same rooms open (LOCAL_ONLY with one process). */
  relay: RoomRelay;
  /** Runs an extension lifecycle hook on every extension, logging (not throwing) failures. */
  runHook(hook: "onLoad" | "onUnload", room: RoomContext): Promise<void>;
}

/** Loads, shares and unloads rooms. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    private readonly services: RoomServices,
    private readonly compactor: Compactor,
  ) {}

  /** The open room of a document, if this process has it loaded. */
  get(documentId: string): Room | undefined {
    const room = this.rooms.get(documentId);
    return room?.state === "open" ? room : undefined;
  }

  /** Whether this process has the document's room, loading, open or unloading (and so follows its relay channel). */
  holds(documentId: string): boolean {
    return this.rooms.has(documentId) || this.loading.has(documentId) || this.unloading.has(documentId);
  }

  /** Every loaded room. */
  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** Takes a hold on a document's room, loading it if needed. Pair with release(). */
  async acquire(documentId: string, schoolId: () => Promise<string>): Promise<Room> {
    for (;;) {
      const unloading = this.unloading.get(documentId);
      if (unloading) {
        await unloading;
        continue;
      }
      const room = this.rooms.get(documentId);
      if (room?.state === "open") {
        room.refs++;
        return room;
      }
      let loading = this.loading.get(documentId);
      if (!loading) {
        loading = this.load(documentId, schoolId).finally(() => this.loading.delete(documentId));
        this.loading.set(documentId, loading);
      }
      await loading;
    }
  }

  /** Lets go of a hold; the last one out unloads the room. */
  release(room: Room): void {
    room.refs--;
    if (room.refs > 0 || room.state !== "open") return;
    room.state = "unloading";
    const done = this.unload(room)
      .catch((err) => this.services.logger.error("collab: room unload failed", { documentId: room.documentId, err: String(err) }))
      .finally(() => {
        this.rooms.delete(room.documentId);
        this.unloading.delete(room.documentId);
      });
    this.unloading.set(room.documentId, done);
  }

  /** Resolves once no room is loading or unloading. */
  async idle(): Promise<void> {
    while (this.loading.size || this.unloading.size) {
      await Promise.allSettled([...this.loading.values(), ...this.unloading.values()]);
    }
  }

  private async load(documentId: string, schoolId: () => Promise<string>): Promise<Room> {
    const { db, log, logger } = this.services;
    const school = await schoolId();
    // Followed before the log is read: what other processes store meanwhile waits in the inbox.
    const inbox = new RelayInbox();
    await this.services.relay.open(documentId, inbox);
    let room: Room;
    let rows: Awaited<ReturnType<typeof readRows>>;
    try {
      rows = await readRows(db, documentId);
      const doc = new Y.Doc();
      // Updates still queued for the log belong to the document too (a reload mid-flush).
      applyAll(doc, rows, documentId, logger, log.pendingFor(documentId));
      room = new Room(documentId, school, doc, this.services);
      await this.services.runHook("onLoad", room.context);
    } catch (err) {
      this.services.relay.close(documentId);
      throw err;
    }
    this.rooms.set(documentId, room);
    inbox.attach(room);
    this.compactor.track(documentId, rows.updates.length);
    return room;
  }

  private async unload(room: Room): Promise<void> {
    // Flush before unload, or the last keystrokes of a closing tab would exist only in memory.
    await this.services.log.flush();
    await this.services.runHook("onUnload", room.context);
    this.compactor.untrack(room.documentId);
    this.services.relay.close(room.documentId);
    room.destroy();
  }
}
