/**
 * Reads structured blocks straight from a document's Y.XmlFragment, as Tiptap and y-prosemirror
 * store them: a Y.XmlElement named for the block type, its attributes raw, its text in Y.XmlText
 * children (and, for pasted content, in nested paragraphs). No ProseMirror on this path.
 */
import * as Y from "yjs";
import { cleanDeep, cleanText, findUnsafeText } from "../../shared/text.js";
import { isBlockId, isBlockType, parseBlockAttrs, type BlockAttrsByType, type BlockType, type BlockWarning } from "../../shared/blocks/schema.js";

/** What one block says about itself, before grouping: cached per element until it changes. */
export interface BlockSelf {
  type: BlockType;
  /** The element's Yjs item id: the same on every replica and for the element's whole life. */
  itemId: string;
  /** The `id` attribute, lower-cased, when it is a UUID; otherwise null. */
  blockId: string | null;
  /** The raw `id` attribute, for the warning when it is not a UUID. */
  rawId: unknown;
  text: string;
  attrs: BlockAttrsByType[BlockType];
  /** Problems with the attributes themselves (grouping and owner problems are added later). */
  warnings: BlockWarning[];
}

/** The top-level node name of the fragment Tiptap's Collaboration extension binds to. */
export const FRAGMENT_NAME = "default";

/** Whether an element is a structured block. */
export const isBlockElement = (node: unknown): node is Y.XmlElement => node instanceof Y.XmlElement && isBlockType(node.nodeName);

/**
 * The structured blocks in document order. Blocks may sit inside lists or quotes, so containers
 * are searched; a block's own content is inline, so the search never descends into one.
 */
export function blockElements(parent: Y.XmlFragment | Y.XmlElement, out: Y.XmlElement[] = []): Y.XmlElement[] {
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const node = item.content.type;
    if (!(node instanceof Y.XmlElement)) continue;
    if (isBlockType(node.nodeName)) out.push(node);
    else if (node._start !== null) blockElements(node, out);
  }
  return out;
}

/** The block element an edited node belongs to, or null when the node is outside every block. */
export function enclosingBlock(node: Y.AbstractType<unknown>): Y.XmlElement | null {
  for (let current: Y.AbstractType<unknown> | null = node; current !== null; current = current.parent) {
    if (isBlockElement(current)) return current;
  }
  return null;
}

/** Whether the element has been deleted from the document. */
export const isDeleted = (element: Y.XmlElement): boolean => element._item === null || element._item.deleted;

/** `<client>.<clock>` of the element's item. */
export function itemIdOf(element: Y.XmlElement): string {
  const id = element._item?.id;
  return id ? `${id.client}.${id.clock}` : "root";
}

const LINE_BREAKS = new Set(["hardBreak", "paragraph", "heading", "listItem"]);

/** The plain text of a node: Y.XmlText inserts, with nested paragraphs and hard breaks as new lines. */
export function elementText(node: Y.XmlElement | Y.XmlFragment): string {
  let out = "";
  for (let item = node._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlText) {
      // toString() would render marks as tags (<bold>); the delta holds the plain inserts.
      for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === "string") out += op.insert;
    } else if (child instanceof Y.XmlElement) {
      if (LINE_BREAKS.has(child.nodeName) && out.length > 0 && !out.endsWith("\n")) out += "\n";
      out += elementText(child);
    }
  }
  return out;
}

const UNSAFE_TEXT = (attribute: string): BlockWarning => ({
  attribute,
  message: "held an invisible control character (NUL) or a broken emoji, which was removed",
});

/** Reads one block: its type, ids, text and validated attributes (defaults for the missing ones). */
export function readBlockSelf(element: Y.XmlElement): BlockSelf {
  const type = element.nodeName as BlockType;
  const raw = element.getAttributes() as Record<string, unknown>;
  const parsed = parseBlockAttrs(type, raw);
  const warnings = parsed.warnings;
  // Postgres refuses NUL and JSON refuses lone surrogates: one such character would fail the
  // whole document's write on every retry. Clean it here, where text leaves the Y.Doc, and say so.
  const unsafe = findUnsafeText(parsed.attrs);
  const attrs = unsafe ? cleanDeep(parsed.attrs) : parsed.attrs;
  if (unsafe) warnings.push(UNSAFE_TEXT(String(unsafe[0])));
  normaliseIds(type, attrs);
  const rawId = raw.id;
  const rawText = elementText(element).trim();
  const text = cleanText(rawText);
  if (text !== rawText) warnings.push(UNSAFE_TEXT("text"));
  return {
    type,
    itemId: itemIdOf(element),
    blockId: isBlockId(rawId) ? rawId.toLowerCase() : null,
    rawId: typeof rawId === "string" ? cleanText(rawId) : rawId,
    text,
    attrs,
    warnings,
  };
}

/** Postgres hands UUIDs back lower-case; compare like with like. */
function normaliseIds(type: BlockType, attrs: BlockAttrsByType[BlockType]): void {
  if (type === "target" || type === "action") {
    const a = attrs as BlockAttrsByType["action"];
    a.owners = [...new Set(a.owners.map((o) => o.toLowerCase()))];
    if (a.carriedFrom) a.carriedFrom = a.carriedFrom.toLowerCase();
  }
  if (type === "action") {
    const a = attrs as BlockAttrsByType["action"];
    if (a.targetId) a.targetId = a.targetId.toLowerCase();
    if (a.findingId) a.findingId = a.findingId.toLowerCase();
  }
}
