/**
 * The document's text as a plain tree, for the reading view the document page paints before the
 * editor's code has loaded (GET /api/documents/:id/preview). It mirrors the Tiptap schema: an
 * element per node (blocks carry their attributes with defaults filled in), text runs with marks.
 */

/** A run of text with its marks (bold, italic, strike, code, link and so on). */
export interface PreviewText {
  text: string;
  marks?: string[];
  /** The link's address, when a link mark is on this run. */
  href?: string;
}

/** A node of the document: a paragraph, heading, list, quote or structured block. */
export interface PreviewElement {
  type: string;
  attrs: Record<string, unknown>;
  content: PreviewNode[];
}

export type PreviewNode = PreviewText | PreviewElement;

/** The answer of GET /api/documents/:id/preview. */
export interface DocumentPreview {
  content: PreviewNode[];
  /** Names of the blocks' owners, by user id. */
  names: Record<string, string>;
}

export const isPreviewText = (node: PreviewNode): node is PreviewText => "text" in node;
