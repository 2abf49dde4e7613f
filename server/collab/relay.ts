/**
 * The seam between the rooms and other processes (server/scale/updateRelay.ts fills it when
 * several processes share a database). A room hears, through its sink, what other processes
 * accepted; the update log tells the relay what this process stored. With one process the
 * relay does nothing.
 */

/** An update of the log: its row id is the log sequence number. */
export interface StoredUpdate {
  seq: number;
  documentId: string;
  update: Uint8Array;
  userId: string | null;
}

/** A row whose INSERT has committed; `relayedEarly` when it went out under a reserved id before that. */
export interface CommittedUpdate extends StoredUpdate {
  relayedEarly: boolean;
}

/** What a room offers the relay. */
export interface RelaySink {
  /** Applies an update another process stored; it is neither stored again nor relayed on. */
  applyRemote(update: Uint8Array, userId: string | null): void;
  /** Applies presence (a y-protocols awareness update) from clients of another process. */
  applyRemotePresence(update: Uint8Array): void;
  /** The presence of this process's own clients, for a process that has just opened the room. */
  localPresence(): Uint8Array | null;
  /** Reads the log and applies what this room lacks (after a gap, or Redis coming back). */
  catchUp(): Promise<void>;
}

/** How rooms reach other processes. */
export interface RoomRelay {
  /**
   * Starts following a document before its room loads. Resolves once everything other
   * processes store from now on will reach `sink`.
   */
  open(documentId: string, sink: RelaySink): Promise<void>;
  /** Stops following a document whose room has unloaded. */
  close(documentId: string): void;
  /** Called by the update log as it queues an update under a reserved id, before the commit. */
  accepted(row: StoredUpdate): void;
  /** Called by the update log with the rows of each committed INSERT, in the order they were accepted. */
  stored(rows: readonly CommittedUpdate[]): void;
  /** Called with each coalesced presence change made by this process's own clients. */
  presence(documentId: string, update: Uint8Array): void;
  /** Resolves once every update other processes relayed here for the document is stored. */
  whenStored(documentId: string): Promise<void>;
}

/** One process: nobody to tell. */
export const LOCAL_ONLY: RoomRelay = {
  open: async () => {},
  close: () => {},
  accepted: () => {},
  stored: () => {},
  presence: () => {},
  whenStored: () => Promise.resolve(),
};

/**
 * Holds what arrives for a room while it loads (the relay follows the document first, so
 * nothing published during the load is missed) and forwards to the room once it exists.
 */
export class RelayInbox implements RelaySink {
  private room: RelaySink | null = null;
  private held: (() => void)[] = [];

  attach(room: RelaySink): void {
    this.room = room;
    const held = this.held;
    this.held = [];
    for (const fn of held) fn();
  }

  applyRemote(update: Uint8Array, userId: string | null): void {
    if (this.room) this.room.applyRemote(update, userId);
    else this.held.push(() => this.room!.applyRemote(update, userId));
  }

  applyRemotePresence(update: Uint8Array): void {
    if (this.room) this.room.applyRemotePresence(update);
    else this.held.push(() => this.room!.applyRemotePresence(update));
  }

  localPresence(): Uint8Array | null {
    return this.room?.localPresence() ?? null;
  }

  catchUp(): Promise<void> {
    // Still loading: the load reads the log after the relay followed the document.
    return this.room?.catchUp() ?? Promise.resolve();
  }
}
