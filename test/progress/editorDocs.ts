/**
 * Y.Docs written the way the editor writes them: a ProseMirror document of the shared plan
 * schema, turned into Yjs by y-tiptap's `updateYFragment` (what the Collaboration extension's
 * sync plugin runs on every transaction), then sent to the "server" doc as an update carrying
 * the sender's UpdateOrigin, as the room server applies it.
 */
import { getSchema } from "@tiptap/core";
import type { Node as PMNode, Schema } from "@tiptap/pm/model";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { planExtensions } from "../../shared/blocks/nodes.js";
import type { BlockType } from "../../shared/blocks/schema.js";
import type { UpdateOrigin } from "../../server/collab/extension.js";

/** The plan schema the editor runs. */
export const planSchema: Schema = getSchema(planExtensions());

/** A block of a test document: type, id, attributes and text. */
export interface TestBlock {
  type: BlockType;
  id?: string;
  attrs?: Record<string, unknown>;
  text?: string;
}

/** A paragraph, for content between blocks. */
export const para = (text: string) => ({ type: "paragraph" as const, text });

/** The origin of a user's connection, as the room server stamps it. */
export const userOrigin = (userId: string | null): UpdateOrigin => ({ userId, source: "connection" });

/** A ProseMirror node of the plan schema for a test block or paragraph. */
export function pmNode(block: TestBlock | ReturnType<typeof para>): PMNode {
  const text = block.text ? planSchema.text(block.text) : undefined;
  if (block.type === "paragraph") return planSchema.nodes.paragraph!.create(null, text);
  return planSchema.nodes[block.type]!.create({ id: block.id ?? null, ...block.attrs }, text);
}

/**
 * One person's editor: its own Y.Doc, kept in sync with the server doc, and ProseMirror edits
 * written through y-tiptap. Each edit reaches the server doc as a Yjs update with this person's origin.
 */
export class TestEditor {
  readonly doc = new Y.Doc();

  constructor(
    readonly server: Y.Doc,
    readonly userId: string | null,
  ) {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server));
  }

  /** The editor's current ProseMirror document. */
  get pm(): PMNode {
    return initProseMirrorDoc(this.doc.getXmlFragment("default"), planSchema).doc;
  }

  /** Runs a ProseMirror transaction and sends the resulting Yjs update to the server doc. */
  edit(change: (tr: Transaction, doc: PMNode) => void): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(this.doc)));
    const before = Y.encodeStateVector(this.server);
    if (!editAsEditor(this.doc, change)) return;
    Y.applyUpdate(this.server, Y.encodeStateAsUpdate(this.doc, before), userOrigin(this.userId));
  }

  /** Appends blocks and paragraphs at the end of the document. */
  append(nodes: (TestBlock | ReturnType<typeof para>)[]): void {
    this.edit((tr, doc) => tr.insert(doc.content.size, nodes.map(pmNode)));
  }

  /** Inserts nodes just before the block with this id (or at the end). */
  insertBefore(id: string | null, nodes: (TestBlock | ReturnType<typeof para>)[]): void {
    this.edit((tr, doc) => tr.insert(id ? findBlock(doc, id).pos : doc.content.size, nodes.map(pmNode)));
  }

  /** Sets attributes on the (first) block with this id, as a node view's controls do. */
  setAttrs(id: string, attrs: Record<string, unknown>, nth = 0): void {
    this.edit((tr, doc) => {
      const { pos, node } = findBlock(doc, id, nth);
      tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs });
    });
  }

  /** Types text at the end of the block with this id. */
  type(id: string, text: string, nth = 0): void {
    this.edit((tr, doc) => {
      const { pos, node } = findBlock(doc, id, nth);
      tr.insertText(text, pos + 1 + node.content.size);
    });
  }

  /** Removes the block with this id. */
  remove(id: string, nth = 0): void {
    this.edit((tr, doc) => {
      const { pos, node } = findBlock(doc, id, nth);
      tr.delete(pos, pos + node.nodeSize);
    });
  }
}

/**
 * Runs a ProseMirror transaction against a Y.Doc as the editor's sync plugin does: the doc is
 * read into ProseMirror, changed, and written back with `updateYFragment`. False when nothing changed.
 */
export function editAsEditor(ydoc: Y.Doc, change: (tr: Transaction, doc: PMNode) => void): boolean {
  const fragment = ydoc.getXmlFragment("default");
  const { doc, meta } = initProseMirrorDoc(fragment, planSchema);
  const tr = EditorState.create({ schema: planSchema, doc }).tr;
  change(tr, doc);
  if (!tr.docChanged) return false;
  ydoc.transact(() => updateYFragment(ydoc, fragment, tr.doc, meta), "editor");
  return true;
}

/** The nth block with this id in a ProseMirror document, with its position. */
export function findBlock(doc: PMNode, id: string, nth = 0): { pos: number; node: PMNode } {
  const found: { pos: number; node: PMNode }[] = [];
  doc.descendants((node, pos) => {
    if (node.attrs.id === id) found.push({ pos, node });
    return true;
  });
  const hit = found[nth];
  if (!hit) throw new Error(`no block ${id} (#${nth})`);
  return hit;
}
