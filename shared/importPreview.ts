/** The wire shape of a Word import (POST /api/documents/import): what the preview shows and the create writes. */
import type { BlockType } from "./blocks/schema.js";

/** Emphasis the editor keeps as marks (Tiptap's bold, italic and underline). */
export type TextMark = "bold" | "italic" | "underline";

/** One mark over `text.slice(from, to)`. */
export interface MarkRange {
  from: number;
  to: number;
  mark: TextMark;
}

/** One block of the imported document, in order. Structured blocks carry their full attributes. */
export interface ImportBlock {
  type: "heading" | "paragraph" | "bulletList" | "orderedList" | BlockType;
  text: string;
  /** Block attributes (shared/blocks schema) for structured blocks; `level` for headings; `items` for lists. */
  attrs: Record<string, unknown>;
  /** The Word runs' bold, italic and underline over `text`, carried into the editor as marks (a list's count through its items joined by line breaks). */
  marks?: MarkRange[];
}

/** Something the import could not read, or read with a caveat. `block` is the index of the block it concerns. */
export interface ImportWarning {
  block: number | null;
  /** The table row it concerns, as people would name it ("Table 1, row 3"). */
  row: string | null;
  message: string;
}

/** The preview response (and, with `id`, the create response). */
export interface ImportResult {
  blocks: ImportBlock[];
  warnings: ImportWarning[];
  /** Names of the people the blocks' owners name, by id. */
  people: Record<string, string>;
}
