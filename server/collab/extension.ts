/**
 * The seam between the room server and the concerns that hang off it (extraction, audit,
 * comments push). The room core calls these hooks and knows none of the extensions by name.
 */
import type * as Y from "yjs";

/** The origin every update applied by the room server carries, so observers know who made a change. */
export interface UpdateOrigin {
  /** The user whose connection sent the update; null for server-made changes (templates, seeds). */
  userId: string | null;
  /**
   * Marks the origin as coming from the room server (not a local Y.Doc edit in a test):
   * "remote" is an update another process accepted and stored, relayed here.
   */
  readonly source: "connection" | "server" | "remote";
}

export interface RoomContext {
  documentId: string;
  schoolId: string;
  doc: Y.Doc;
}

export interface CollabExtension {
  name: string;
  /** After the room's Y.Doc is loaded from storage and before any client syncs. */
  onLoad?(room: RoomContext): void | Promise<void>;
  /** After an accepted update is applied. Runs on the socket's path: must return at once. */
  onChange?(room: RoomContext, change: { update: Uint8Array; origin: UpdateOrigin }): void;
  /** After the room's writes are flushed, before it leaves memory. */
  onUnload?(room: RoomContext): void | Promise<void>;
}
