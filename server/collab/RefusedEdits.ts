/**
 * Edits refused from read-only connections, remembered per document as "Yjs client id from
 * clock c". A stock provider keeps refused structs and would resend them once the document
 * reopens (its sync step 2 carries them): those stay refused, and its socket is closed again.
 * Kept in process memory past the room's unload, bounded per document; the editor itself
 * never resends them, as it rebuilds its Y.Doc (a new client id) on refusal.
 */

const MAX_CLIENTS_PER_DOCUMENT = 1000;
const MAX_DOCUMENTS = 10_000;

/** The refused ranges of every document this process has seen refused. */
export class RefusedEdits {
  private readonly byDocument = new Map<string, Map<number, number>>();

  /** Records refused ranges (client id to first refused clock). */
  note(documentId: string, ranges: ReadonlyMap<number, number>): void {
    let known = this.byDocument.get(documentId);
    if (!known) {
      if (this.byDocument.size >= MAX_DOCUMENTS) this.byDocument.delete(this.byDocument.keys().next().value!);
      known = new Map();
      this.byDocument.set(documentId, known);
    }
    for (const [client, clock] of ranges) {
      if (!known.has(client) && known.size >= MAX_CLIENTS_PER_DOCUMENT) known.delete(known.keys().next().value!);
      known.set(client, Math.min(clock, known.get(client) ?? clock));
    }
  }

  /** The refused ranges of one document (empty when none). */
  of(documentId: string): ReadonlyMap<number, number> {
    return this.byDocument.get(documentId) ?? EMPTY;
  }
}

const EMPTY: ReadonlyMap<number, number> = new Map();
