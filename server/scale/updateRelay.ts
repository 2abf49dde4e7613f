/**
 * The update relay: each update this process stores goes out once, after its INSERT commits,
 * on the room's channel with its log sequence number; every other process with the room open
 * applies it as a remote update (not stored, not relayed again) and broadcasts it to its own
 * clients. Presence goes out once from the process whose client changed it. PostgreSQL stays
 * the source of truth: a receiver that sees a gap in an origin's sequence, or whose bus comes
 * back after a loss, reads the log again, so a lost message delays convergence and loses nothing.
 */
import type { Logger } from "../logger.js";
import type { RelaySink, RoomRelay, StoredUpdate } from "../collab/relay.js";
import type { ControlBus } from "./controlBus.js";
import { decodeFrame, encodeFrame } from "./relayFrames.js";

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
  /** Documents with a frame that never left: the others are told to catch up once the bus is back. */
  private readonly unsent = new Set<string>();
  private readonly offResume: () => void;

  constructor(
    private readonly bus: ControlBus,
    private readonly logger: Logger,
  ) {
    this.offResume = bus.onResume(() => this.resume());
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
    this.lastSent.delete(documentId);
  }

  stored(rows: readonly StoredUpdate[]): void {
    for (const row of rows) {
      const prev = this.lastSent.get(row.documentId) ?? 0;
      this.lastSent.set(row.documentId, row.seq);
      const frame = encodeFrame({ kind: "update", seq: row.seq, prev, userId: row.userId, update: row.update });
      if (this.bus.sendFrame(row.documentId, frame)) this.totals.updatesSent++;
      else this.noteUnsent(row.documentId);
    }
  }

  presence(documentId: string, update: Uint8Array): void {
    if (this.bus.sendFrame(documentId, encodeFrame({ kind: "presence", update }))) this.totals.presenceSent++;
  }

  /** Stops listening for bus recoveries; rooms close themselves as they unload. */
  dispose(): void {
    this.offResume();
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
        followed.sink.applyRemote(frame.update, frame.userId);
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
