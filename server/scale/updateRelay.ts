/**
 * The update relay: each update this process accepts goes out once on the room's channel with
 * its log sequence number, after its INSERT commits. (The path for updates sent ahead of their
 * commit, under a reserved id, with their confirmations and the receivers' store of unconfirmed
 * ones, is not used: CollabServer reserves no ids, since that path lost updates; see there.) Every other process with the room open applies it
 * as a remote update (not stored, not relayed again) and broadcasts it to its own clients.
 * Commits are confirmed on the next frame, or by a "stored" frame shortly after; a receiver
 * stores an update whose confirmation never comes (server/scale/unconfirmedUpdates.ts).
 * Presence goes out once from the process whose client changed it. PostgreSQL stays the
 * source of truth: a receiver that sees a gap in an origin's sequence (also at the end of a
 * burst, from the "stored" frame), or whose bus comes back after a loss, reads the log again,
 * so a lost message delays convergence and loses nothing.
 */
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { CommittedUpdate, RelaySink, RoomRelay, StoredUpdate } from "../collab/relay.js";
import type { ControlBus } from "./controlBus.js";
import { decodeFrame, encodeFrame } from "./relayFrames.js";
import { UnconfirmedUpdates, type UnconfirmedOptions } from "./unconfirmedUpdates.js";

/** How long after a commit the relay waits for a next update to carry its confirmation. */
const CONFIRM_DELAY_MS = 100;

/** A room this process has open, as the relay follows it. */
interface Followed {
  sink: RelaySink;
  /** The last sequence number heard from each origin process. */
  lastFrom: Map<string, number>;
  off: (() => void) | null;
  closed: boolean;
  catching: Promise<void> | null;
  catchAgain: boolean;
}

/** Counters for the cluster bench and diagnostics. */
export interface RelayTotals {
  updatesSent: number;
  updatesReceived: number;
  presenceSent: number;
  presenceReceived: number;
  gaps: number;
  catchUps: number;
  unsent: number;
}

export class UpdateRelay implements RoomRelay {
  readonly totals: RelayTotals = { updatesSent: 0, updatesReceived: 0, presenceSent: 0, presenceReceived: 0, gaps: 0, catchUps: 0, unsent: 0 };
  private readonly rooms = new Map<string, Followed>();
  /** Per document, the sequence number of the last update frame this process sent (or tried to). */
  private readonly lastSent = new Map<string, number>();
  /** Per document, how far the updates this process sent ahead of their commit are stored. */
  private readonly storedThrough = new Map<string, number>();
  /** Documents with commits no frame has confirmed yet. */
  private readonly confirmDue = new Set<string>();
  private confirmTimer: NodeJS.Timeout | null = null;
  /** Documents with a frame that never left: the others are told to catch up once the bus is back. */
  private readonly unsent = new Set<string>();
  private readonly offResume: () => void;
  readonly unconfirmed: UnconfirmedUpdates;

  constructor(
    private readonly bus: ControlBus,
    private readonly logger: Logger,
    db: Db,
    options: UnconfirmedOptions = {},
  ) {
    this.offResume = bus.onResume(() => this.resume());
    this.unconfirmed = new UnconfirmedUpdates(db, logger, options);
  }

  async open(documentId: string, sink: RelaySink): Promise<void> {
    const followed: Followed = { sink, lastFrom: new Map(), off: null, closed: false, catching: null, catchAgain: false };
    this.rooms.set(documentId, followed);
    const off = await this.bus.listenFrames(documentId, (frame, from) => this.receive(documentId, followed, frame, from));
    if (followed.closed) return off();
    followed.off = off;
    // Presence is sent only when it changes (or every 15 s): ask who is already here.
    this.bus.sendFrame(documentId, encodeFrame({ kind: "presenceQuery" }));
  }

  close(documentId: string): void {
    const followed = this.rooms.get(documentId);
    if (!followed) return;
    followed.closed = true;
    followed.off?.();
    this.rooms.delete(documentId);
    // Commits still owed a confirmation keep their sequence until it has gone out.
    if (!this.confirmDue.has(documentId)) this.forgetSent(documentId);
  }

  accepted(row: StoredUpdate): void {
    this.send(row, false);
  }

  stored(rows: readonly CommittedUpdate[]): void {
    for (const row of rows) {
      if (!row.relayedEarly) {
        this.send(row, true);
        continue;
      }
      // Reserved ids of one document commit in the order they were given out.
      this.storedThrough.set(row.documentId, Math.max(this.storedThrough.get(row.documentId) ?? 0, row.seq));
      this.confirmDue.add(row.documentId);
    }
    if (this.confirmDue.size) this.confirmTimer ??= setTimeout(() => this.confirmStored(), CONFIRM_DELAY_MS);
  }

  presence(documentId: string, update: Uint8Array): void {
    if (this.bus.sendFrame(documentId, encodeFrame({ kind: "presence", update }))) this.totals.presenceSent++;
  }

  whenStored(documentId: string): Promise<void> {
    return this.unconfirmed.whenStored(documentId);
  }

  /** Confirms what is owed, stops listening for bus recoveries and stores anything never confirmed. */
  async dispose(): Promise<void> {
    this.offResume();
    this.confirmStored();
    await this.unconfirmed.close();
  }

  private send(row: StoredUpdate, committed: boolean): void {
    const { documentId } = row;
    const prev = this.lastSent.get(documentId) ?? 0;
    this.lastSent.set(documentId, row.seq);
    const storedThrough = this.storedThrough.get(documentId) ?? 0;
    this.confirmDue.delete(documentId);
    const frame = encodeFrame({ kind: "update", seq: row.seq, prev, storedThrough, committed, userId: row.userId, update: row.update });
    if (this.bus.sendFrame(documentId, frame)) this.totals.updatesSent++;
    else this.noteUnsent(documentId);
  }

  /** Sends the confirmations no update frame has carried since the last commits. */
  private confirmStored(): void {
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    for (const documentId of this.confirmDue) {
      const frame = encodeFrame({ kind: "stored", through: this.storedThrough.get(documentId) ?? 0, last: this.lastSent.get(documentId) ?? 0 });
      if (!this.bus.sendFrame(documentId, frame)) this.noteUnsent(documentId);
      if (!this.rooms.has(documentId)) this.forgetSent(documentId);
    }
    this.confirmDue.clear();
  }

  private forgetSent(documentId: string): void {
    this.lastSent.delete(documentId);
    this.storedThrough.delete(documentId);
  }

  private receive(documentId: string, followed: Followed, bytes: Uint8Array, from: string): void {
    if (followed.closed) return;
    const frame = decodeFrame(bytes);
    if (!frame) return;
    switch (frame.kind) {
      case "update": {
        this.totals.updatesReceived++;
        const last = followed.lastFrom.get(from);
        followed.lastFrom.set(from, frame.seq);
        // prev 0: the origin has just opened the room, so there is nothing it sent before to miss.
        if (frame.prev !== 0 && last !== undefined && frame.prev !== last) {
          this.totals.gaps++;
          this.logger.warn("relay: gap in an origin's updates; catching up from the log", { documentId, from, expected: last, prev: frame.prev });
          this.catchUp(followed);
        }
        if (!frame.committed) this.unconfirmed.hold(from, { seq: frame.seq, documentId, update: frame.update, userId: frame.userId });
        this.unconfirmed.confirm(from, documentId, frame.storedThrough);
        followed.sink.applyRemote(frame.update, frame.userId);
        return;
      }
      case "stored": {
        this.unconfirmed.confirm(from, documentId, frame.through);
        // The end of a burst: a last frame lost on the way shows here, not at the next edit.
        const last = followed.lastFrom.get(from);
        if (last !== undefined && frame.last !== last) {
          this.totals.gaps++;
          this.logger.warn("relay: missed an origin's last updates; catching up from the log", { documentId, from, heard: last, last: frame.last });
          followed.lastFrom.set(from, frame.last);
          this.catchUp(followed);
        }
        return;
      }
      case "presence":
        this.totals.presenceReceived++;
        followed.sink.applyRemotePresence(frame.update);
        return;
      case "presenceQuery": {
        const present = followed.sink.localPresence();
        if (present) this.presence(documentId, present);
        return;
      }
      case "catchUp":
        this.catchUp(followed);
        return;
    }
  }

  /** One catch-up at a time per room; a request meanwhile runs another once it ends. */
  private catchUp(followed: Followed): void {
    if (followed.catching) {
      followed.catchAgain = true;
      return;
    }
    this.totals.catchUps++;
    followed.catching = followed.sink
      .catchUp()
      .catch((err) => this.logger.error("relay: catch-up from the log failed", { err: String(err) }))
      .finally(() => {
        followed.catching = null;
        if (followed.catchAgain && !followed.closed) {
          followed.catchAgain = false;
          this.catchUp(followed);
        }
      });
  }

  private noteUnsent(documentId: string): void {
    this.totals.unsent++;
    this.unsent.add(documentId);
  }

  /** The bus is back: read the log for every open room, and tell the others to do the same. */
  private resume(): void {
    const told = new Set([...this.unsent, ...this.lastSent.keys()]);
    this.unsent.clear();
    for (const documentId of told) {
      if (!this.bus.sendFrame(documentId, encodeFrame({ kind: "catchUp" }))) this.unsent.add(documentId);
    }
    for (const [documentId, followed] of this.rooms) {
      followed.lastFrom.clear();
      this.catchUp(followed);
      this.bus.sendFrame(documentId, encodeFrame({ kind: "presenceQuery" }));
    }
  }
}
