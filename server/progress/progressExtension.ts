/**
 * Extraction as a collab extension: each room that loads gets a DocumentExtractor, which does a
 * full extraction at once (writing nothing when the tables already match) and then follows the
 * room's edits. The room's socket path only ever runs the extractor's Yjs observer.
 */
import type { CollabExtension, RoomContext } from "../collab/extension.js";
import type { Db } from "../db/client.js";
import type { DocumentLeases } from "../db/advisoryLocks.js";
import type { Logger } from "../logger.js";
import { DocumentExtractor, type FlushStats } from "./DocumentExtractor.js";
import { SchoolPeople } from "./schoolPeople.js";

/** The debounce window when none is given: well inside DESIGN's 250 ms. */
export const DEFAULT_EXTRACTION_DELAY_MS = 150;

export interface ProgressExtensionOptions {
  db: Db;
  logger: Logger;
  delayMs?: number;
  /** Called after an extraction write that changed rows of a room's document. */
  onWritten?: (room: RoomContext, stats: FlushStats) => void;
  /**
   * With several processes, only the holder of a document's lease extracts it: its Y.Doc
   * only moves forward, so the rows never step back to an older state another process still
   * had, and its cache of stored rows stays true. Without leases this process extracts all.
   */
  leases?: DocumentLeases;
}

/** The extension, with handles for tests, benchmarks and shutdown. */
export interface ProgressExtension extends CollabExtension {
  /** The extractor of an open document. */
  extractor(documentId: string): DocumentExtractor | undefined;
  /** Writes every open document's pending changes now. */
  flushAll(): Promise<FlushStats[]>;
}

/** Builds the progress extension for createCollab's `extensions`. */
export function createProgressExtension({ db, logger, delayMs = DEFAULT_EXTRACTION_DELAY_MS, onWritten, leases }: ProgressExtensionOptions): ProgressExtension {
  const extractors = new Map<string, DocumentExtractor>();
  const people = new Map<string, SchoolPeople>();
  const peopleOf = (schoolId: string) => {
    let found = people.get(schoolId);
    if (!found) {
      found = new SchoolPeople(db, schoolId);
      people.set(schoolId, found);
    }
    return found;
  };

  return {
    name: "progress",
    async onLoad(room: RoomContext) {
      // A room reloaded after a bad update arrives here with a new doc: the old extractor is done.
      await extractors.get(room.documentId)?.close();
      const extractor = new DocumentExtractor({
        documentId: room.documentId,
        schoolId: room.schoolId,
        doc: room.doc,
        db,
        logger,
        people: peopleOf(room.schoolId),
        delayMs,
        onWritten: onWritten && ((stats) => onWritten(room, stats)),
        leased: leases && (() => leases.holds(room.documentId)),
      });
      extractors.set(room.documentId, extractor);
      await leases?.take(room.documentId, () => extractors.get(room.documentId)?.takeOver());
      extractor.start();
    },
    async onUnload(room: RoomContext) {
      const extractor = extractors.get(room.documentId);
      if (!extractor) return;
      extractors.delete(room.documentId);
      await extractor.close();
      await leases?.release(room.documentId);
    },
    extractor: (documentId) => extractors.get(documentId),
    flushAll: () => Promise.all([...extractors.values()].map((e) => e.flush())),
  };
}
