/**
 * The export's neutral content model: headings, prose, lists, tables and page breaks. The Word and
 * PDF writers each render it, so both files carry the same words in the same order.
 */
import type { Rag } from "../../shared/enums.js";

/** A run of prose with its emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** One table cell: plain text, or a RAG rating shown as its word on its colour. */
export interface Cell {
  text: string;
  rag?: Rag;
}

/** A table: one header row, then body rows. `widths` are relative column weights. */
export interface Table {
  kind: "table";
  /** What the table lists, read out by screen readers (the PDF's table title). */
  caption: string;
  headers: string[];
  rows: Cell[][];
  widths: number[];
}

/** One piece of exported content, in reading order. */
export type Part =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; runs: Run[]; style?: "muted" | "lead" }
  | { kind: "list"; ordered: boolean; items: string[] }
  | Table
  | { kind: "pageBreak" };

/** What the file is and what its header line says. */
export interface ExportMeta {
  title: string;
  schoolName: string;
  /** "Oakfield Primary · Single Plan, autumn 2026 · Approved · approved 18 Dec 2026 by Ann Lee (local governing board)" */
  headerLine: string;
  /** Used for the download's file name. */
  fileStem: string;
}

/** A finished export: its header facts and its parts, ready for either writer. */
export interface ExportContent {
  meta: ExportMeta;
  parts: Part[];
}

/** A paragraph of plain text. */
export const para = (text: string, style?: "muted" | "lead"): Part => ({ kind: "paragraph", runs: [{ text }], style });

/** The fill colour of each RAG (hex, no #); dark text reads on each of them. */
export const RAG_FILL: Record<Rag, string> = {
  red: "F4A6A6",
  amber: "FFD27F",
  green: "A8D5A2",
  blue: "A9CCEF",
  none: "E6E6E6",
};
