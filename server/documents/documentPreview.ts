/**
 * A document's Y.Doc as the plain tree the document page paints first (shared/documentPreview.ts).
 * It walks the Y.XmlFragment the way y-prosemirror stores it, with no ProseMirror: elements by
 * node name, blocks' attributes validated with the shared schema, text as runs with their marks.
 */
import * as Y from "yjs";
import { isBlockType, parseBlockAttrs } from "../../shared/blocks/schema.js";
import type { DocumentPreview, PreviewNode } from "../../shared/documentPreview.js";
import { FRAGMENT_NAME } from "../progress/blockReader.js";

// Attributes of ordinary nodes that change how they look; the rest (template hints) stay behind.
const KEPT_ATTRS = ["level", "start"];

type Delta = { insert: unknown; attributes?: Record<string, unknown> };

function textRuns(text: Y.XmlText, out: PreviewNode[]): void {
  for (const { insert, attributes } of text.toDelta() as Delta[]) {
    if (typeof insert !== "string" || insert === "") continue;
    // y-prosemirror names a second mark of one type `name--<hash>`.
    const marks = Object.keys(attributes ?? {}).map((m) => m.replace(/--.*$/, ""));
    const link = attributes?.link as { href?: unknown } | undefined;
    out.push({
      text: insert,
      ...(marks.length ? { marks } : {}),
      ...(typeof link?.href === "string" ? { href: link.href } : {}),
    });
  }
}

function children(parent: Y.XmlFragment | Y.XmlElement, owners: Set<string>): PreviewNode[] {
  const out: PreviewNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      textRuns(child, out);
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const type = child.nodeName;
    const raw = child.getAttributes() as Record<string, unknown>;
    let attrs: Record<string, unknown>;
    if (isBlockType(type)) {
      const parsed = parseBlockAttrs(type, raw).attrs as unknown as Record<string, unknown>;
      attrs = { ...parsed, id: typeof raw.id === "string" ? raw.id : null };
      for (const id of (parsed.owners as string[] | undefined) ?? []) owners.add(id);
    } else {
      attrs = Object.fromEntries(KEPT_ATTRS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
    }
    out.push({ type, attrs, content: children(child, owners) });
  }
  return out;
}

/** The document's content, and the ids of everyone its blocks name as owners. */
export function previewOf(doc: Y.Doc): { content: DocumentPreview["content"]; ownerIds: string[] } {
  const owners = new Set<string>();
  const content = children(doc.getXmlFragment(FRAGMENT_NAME), owners);
  return { content, ownerIds: [...owners] };
}
