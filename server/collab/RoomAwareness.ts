/**
 * A room's presence (cursors, who is here): y-protocols Awareness, fed only with stamped
 * states, where each awareness client id belongs to one user's connection.
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { stampAwarenessUpdate } from "./awarenessStamp.js";
import type { Connection } from "./Connection.js";
import type { CollabLimits } from "./limits.js";
import { encodeAwareness } from "./protocol.js";

/** The origin of presence relayed from another process: shown here, never relayed again. */
const REMOTE = Symbol("remote presence");

/** Presence for one room. */
export class RoomAwareness {
  // Its own tiny doc: the room's Y.Doc may be swapped on reload, and Awareness dies with its doc.
  private readonly awareness = new Awareness(new Y.Doc());
  private readonly owners = new Map<number, Connection>();
  /** Client ids changed since the last broadcast. */
  private readonly changed = new Set<number>();
  /** Of those, the ones this process's own clients changed: only these go to other processes. */
  private readonly changedHere = new Set<number>();
  private flush: NodeJS.Immediate | null = null;
  /** Each state's size in bytes (its stamped JSON), and their sum: the room's presence is capped. */
  private readonly sizes = new Map<number, number>();
  private totalBytes = 0;

  constructor(
    private readonly broadcast: (message: Uint8Array) => void,
    private readonly limits: Pick<CollabLimits, "maxAwarenessClients" | "maxAwarenessStateBytes" | "maxRoomAwarenessStates" | "maxRoomAwarenessBytes">,
    /** Hands this process's own presence changes to the relay (once, from here only). */
    private readonly relay: (update: Uint8Array) => void = () => {},
  ) {
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      // Connections are objects; timeouts ("timeout") and relayed presence (a symbol) are not.
      const here = typeof origin === "object" && origin !== null;
      for (const id of [...added!, ...updated!, ...removed!]) {
        this.changed.add(id);
        if (here) this.changedHere.add(id);
      }
      // Removed by the client, by its connection leaving, or timed out: its bytes are free again.
      for (const id of removed!) this.setSize(id, 0);
      // Coalesce what arrives in one turn of the event loop: when n providers renew their
      // state together (every 15 s), that is n sends instead of n * n.
      this.flush ??= setImmediate(() => this.broadcastChanged());
    });
  }

  private broadcastChanged(): void {
    this.flush = null;
    const ids = [...this.changed];
    this.changed.clear();
    const here = [...this.changedHere];
    this.changedHere.clear();
    // Echoed to the sender too: a lone provider counts its own echo as a sign of life.
    if (ids.length) this.broadcast(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)));
    if (here.length) this.relay(encodeAwarenessUpdate(this.awareness, here));
  }

  /** Applies presence relayed from another process (stamped there). */
  receiveRemote(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** The states of this process's own clients, for a process that has just opened the room. */
  localSnapshot(): Uint8Array | null {
    const clients = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
    return clients.length ? encodeAwarenessUpdate(this.awareness, clients) : null;
  }

  /** Applies a client's awareness update, stamped with its session user. Throws ProtocolError if malformed. */
  receive(conn: Connection, update: Uint8Array): void {
    // Ids and bytes taken earlier in this same message count against the caps too.
    const fresh = new Set<number>();
    let extraStates = 0;
    let extraBytes = 0;
    const stamped = stampAwarenessUpdate(
      update,
      conn.user,
      (clientId, bytes) => {
        if (!this.mayUse(conn, clientId, fresh)) return false;
        const known = this.sizes.has(clientId);
        if (!known && this.sizes.size + extraStates >= this.limits.maxRoomAwarenessStates) return false;
        const grows = bytes - (this.sizes.get(clientId) ?? 0);
        if (this.totalBytes + extraBytes + grows > this.limits.maxRoomAwarenessBytes) return false;
        if (this.owners.get(clientId) !== conn) fresh.add(clientId);
        if (!known) extraStates++;
        extraBytes += grows;
        return true;
      },
      this.limits.maxAwarenessStateBytes,
    );
    stamped.clients.forEach((clientId, i) => {
      this.owners.get(clientId)?.awarenessClients.delete(clientId);
      this.owners.set(clientId, conn);
      conn.awarenessClients.add(clientId);
      this.setSize(clientId, stamped.sizes[i]!);
    });
    if (stamped.clients.length) applyAwarenessUpdate(this.awareness, stamped.update, conn);
  }

  /** Every current state, for a client that just joined or asked. */
  snapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length ? encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)) : null;
  }

  /** Removes the states of a connection that left, telling everyone else. */
  forget(conn: Connection): void {
    const mine = [...conn.awarenessClients].filter((id) => this.owners.get(id) === conn);
    for (const id of mine) this.owners.delete(id);
    conn.awarenessClients.clear();
    if (mine.length) removeAwarenessStates(this.awareness, mine, conn);
  }

  /** Stops the outdated-state timer and any pending broadcast. */
  destroy(): void {
    if (this.flush) clearImmediate(this.flush);
    this.flush = null;
    this.awareness.destroy();
  }

  /**
   * A connection may speak for a new client id, or one it already holds, or one held by an
   * earlier connection of the same user (a reconnect racing the old socket's timeout), but
   * never for someone else's.
   */
  private mayUse(conn: Connection, clientId: number, fresh: ReadonlySet<number>): boolean {
    const owner = this.owners.get(clientId);
    if (owner === conn || fresh.has(clientId)) return true;
    if (owner && owner.user.id !== conn.user.id) return false;
    return conn.awarenessClients.size + fresh.size < this.limits.maxAwarenessClients;
  }

  private setSize(clientId: number, bytes: number): void {
    this.totalBytes += bytes - (this.sizes.get(clientId) ?? 0);
    if (bytes > 0) this.sizes.set(clientId, bytes);
    else this.sizes.delete(clientId);
  }
}
