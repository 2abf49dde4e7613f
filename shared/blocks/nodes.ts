/**
 * The structured blocks as Tiptap nodes, with no React: the client injects its node views through
 * `planExtensions({ nodeViews })`, and tests and scripts build the same schema headless.
 * Attribute names come from BLOCK_ATTRIBUTES; every Tiptap default is null, so an attribute nobody
 * set stays off the Y.XmlElement and the extractor supplies the default (DESIGN section 4).
 */
import { Extension, mergeAttributes, Node, type AnyExtension, type Attribute, type NodeViewRenderer } from "@tiptap/core";
import { isChangeOrigin } from "@tiptap/extension-collaboration";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { StarterKit } from "@tiptap/starter-kit";
import { BLOCK_ATTRIBUTES, BLOCK_TYPES, isBlockId, isBlockType, newBlockId, type BlockType } from "./schema.js";

/** `successCriteria` -> `data-success-criteria`: HTML attribute names are case-insensitive. */
const dataName = (name: string) => `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** One Tiptap attribute: arrays travel through HTML (the clipboard) as JSON, and stay arrays in the doc. */
function attribute(name: string, isArray: boolean): Attribute {
  const html = dataName(name);
  return {
    default: null,
    // A split or a new block must not inherit owners, RAG or the id of the block it came from.
    keepOnSplit: false,
    parseHTML: (el) => {
      const raw = el.getAttribute(html);
      if (raw === null) return null;
      if (!isArray) return raw;
      try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    renderHTML: (attrs) => {
      const value = attrs[name];
      if (value === null || value === undefined) return {};
      return { [html]: isArray ? JSON.stringify(value) : String(value) };
    },
  };
}

function blockAttributes(type: BlockType): Record<string, Attribute> {
  const out: Record<string, Attribute> = { id: attribute("id", false) };
  for (const [name, spec] of Object.entries(BLOCK_ATTRIBUTES[type])) out[name] = attribute(name, Array.isArray(spec.default));
  return out;
}

export interface BlockNodeOptions {
  /** The client's React node view; null renders the plain HTML below (server, tests). */
  nodeView: NodeViewRenderer | null;
}

/** Enter leaves a block for a new paragraph below: splitting would copy owners and RAG into a twin. */
function exitBlock(state: EditorState, dispatch: ((tr: Transaction) => void) | undefined, type: string): boolean {
  const { $from } = state.selection;
  if ($from.parent.type.name !== type) return false;
  const paragraph = state.schema.nodes.paragraph;
  if (!paragraph) return false;
  if (dispatch) {
    const after = $from.after();
    const tr = state.tr.insert(after, paragraph.create());
    dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView());
  }
  return true;
}

function blockNode(type: BlockType) {
  return Node.create<BlockNodeOptions>({
    name: type,
    group: "block",
    content: "inline*",
    // Pasting over a whole block keeps it a block rather than turning it into a paragraph.
    defining: true,
    addOptions: () => ({ nodeView: null }),
    addAttributes: () => blockAttributes(type),
    parseHTML: () => [{ tag: `div[data-block="${type}"]` }],
    renderHTML({ node, HTMLAttributes }) {
      const anchor = node.attrs.id ? { id: `block-${node.attrs.id}` } : {};
      return ["div", mergeAttributes({ "data-block": type, class: `block block-${type}` }, anchor, HTMLAttributes), 0];
    },
    addNodeView() {
      return this.options.nodeView;
    },
    addKeyboardShortcuts() {
      return {
        Enter: ({ editor }) => exitBlock(editor.state, editor.view.dispatch, type),
        // At the very start of a block with text, Backspace would merge it into the paragraph above
        // and silently drop its owners, dates and RAG. Only an empty block is removed that way.
        Backspace: ({ editor }) => {
          const { $from, empty } = editor.state.selection;
          return empty && $from.parent.type.name === type && $from.parentOffset === 0 && $from.parent.content.size > 0;
        },
      };
    },
  });
}

/** The five block nodes, by name. */
export const BlockNodes = Object.fromEntries(BLOCK_TYPES.map((t) => [t, blockNode(t)])) as Record<BlockType, ReturnType<typeof blockNode>>;

/** Template guidance on paragraphs and headings, shown as a placeholder until someone writes there. */
export const TemplateHints = Extension.create({
  name: "templateHints",
  addGlobalAttributes: () => [
    {
      types: ["paragraph", "heading"],
      attributes: {
        hint: {
          default: null,
          keepOnSplit: false,
          parseHTML: (el) => el.getAttribute("data-hint"),
          renderHTML: (attrs) => (attrs.hint ? { "data-hint": attrs.hint } : {}),
        },
      },
    },
  ],
});

export const uniqueBlockIdsKey = new PluginKey("uniqueBlockIds");

/** Ranges of the final doc that these transactions touched, so a pasted copy is told from its original. */
function touchedRanges(transactions: readonly Transaction[]): [number, number][] {
  const ranges: [number, number][] = [];
  transactions.forEach((tr, i) => {
    if (isChangeOrigin(tr)) return;
    tr.mapping.maps.forEach((map, j) => {
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        let from = newStart;
        let to = newEnd;
        for (let k = j + 1; k < tr.mapping.maps.length; k++) {
          from = tr.mapping.maps[k]!.map(from, -1);
          to = tr.mapping.maps[k]!.map(to, 1);
        }
        for (const later of transactions.slice(i + 1)) {
          from = later.mapping.map(from, -1);
          to = later.mapping.map(to, 1);
        }
        ranges.push([from, to]);
      });
    });
  });
  return ranges;
}

/**
 * Gives an id to every block without one, and a fresh id to each later copy of an id already in
 * the document. "Later" means the copy this change made; the untouched original keeps its id, so
 * its progress history stays attached to it.
 */
export function assignBlockIds(doc: PMNode, touched: [number, number][], tr: Transaction): boolean {
  const byId = new Map<string, number[]>();
  const fixes: number[] = [];
  doc.descendants((node, pos) => {
    if (!isBlockType(node.type.name)) return true;
    const id: unknown = node.attrs.id;
    if (!isBlockId(id)) fixes.push(pos);
    else byId.set(id, [...(byId.get(id) ?? []), pos]);
    return false;
  });
  const isTouched = (pos: number) => touched.some(([from, to]) => pos >= from && pos < to);
  for (const positions of byId.values()) {
    if (positions.length < 2) continue;
    const keep = positions.find((p) => !isTouched(p)) ?? positions[0];
    for (const p of positions) if (p !== keep) fixes.push(p);
  }
  for (const pos of fixes) tr.setNodeAttribute(pos, "id", newBlockId());
  return fixes.length > 0;
}

/**
 * Keeps block ids present and unique after local edits. Changes that arrive from Yjs are left
 * alone: the editor that made them already fixed them, and two editors re-rolling the same
 * duplicate would fight over it.
 */
export function uniqueBlockIdsPlugin(): Plugin {
  return new Plugin({
    key: uniqueBlockIdsKey,
    appendTransaction(transactions, _oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged && !isChangeOrigin(tr))) return null;
      const tr = newState.tr;
      return assignBlockIds(newState.doc, touchedRanges(transactions), tr) ? tr : null;
    },
  });
}

/** The unique-id plugin as a Tiptap extension. */
export const UniqueBlockIds = Extension.create({
  name: "uniqueBlockIds",
  addProseMirrorPlugins: () => [uniqueBlockIdsPlugin()],
});

export interface PlanExtensionOptions {
  /** React node views per block type (client only). */
  nodeViews?: Partial<Record<BlockType, NodeViewRenderer>>;
}

/**
 * The plan editor's schema: StarterKit without its undo history (Collaboration brings its own),
 * the five blocks, template hints and unique block ids. Collaboration and carets are added by
 * the client, which owns the Y.Doc and the provider.
 */
export function planExtensions({ nodeViews = {} }: PlanExtensionOptions = {}): AnyExtension[] {
  return [
    // No trailing-node plugin: it appends a paragraph whenever a document ends in a block, so every
    // reader (governors included) would write to the document just by opening it, and two people
    // opening it together would add two. Enter in a block makes the paragraph below instead.
    // No autolink either: it rescans every changed range for URLs and marks them in a local
    // transaction, which would turn a remote change into a write by whoever is reading.
    StarterKit.configure({ undoRedo: false, trailingNode: false, link: { autolink: false } }),
    ...BLOCK_TYPES.map((t) => BlockNodes[t].configure({ nodeView: nodeViews[t] ?? null })),
    TemplateHints,
    UniqueBlockIds,
  ];
}
