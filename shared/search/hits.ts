/** The wire shape of GET /api/search, shared so the client splits highlights with the server's markers. */
import type { BlockType } from "../blocks/schema.js";

/** Opens a matching word in a snippet (a private-use character, so no HTML crosses the wire). */
export const HIT_START = "\uE000";
/** Closes a matching word in a snippet. */
export const HIT_END = "\uE001";

interface HitBase {
  documentId: string;
  documentTitle: string;
  documentKind: string;
  schoolId: string;
  schoolName: string;
  /** The matching words and some around them, each hit between HIT_START and HIT_END. */
  snippet: string;
  /** Where the hit is: the document, the block (`#block-<id>`) or the thread (`#thread-<id>`). */
  href: string;
}

/** One search result. */
export type SearchHit =
  | (HitBase & { type: "document" })
  | (HitBase & { type: "block"; blockType: BlockType; blockId: string | null })
  | (HitBase & { type: "thread"; threadId: string; resolved: boolean });

/** GET /api/search's body. */
export interface SearchResponse {
  q: string;
  hits: SearchHit[];
  /** Some kind of hit had more matches than the server ranks: a narrower search finds the best of them. */
  truncated: boolean;
}

/** Splits a snippet into plain and highlighted parts, for rendering with <mark>. */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  for (const chunk of snippet.split(HIT_START)) {
    const end = chunk.indexOf(HIT_END);
    if (end === -1) {
      if (chunk) parts.push({ text: chunk, hit: false });
      continue;
    }
    if (end > 0) parts.push({ text: chunk.slice(0, end), hit: true });
    const rest = chunk.slice(end + HIT_END.length);
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts;
}
