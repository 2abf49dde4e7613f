/**
 * The highlight on each thread's words: a ProseMirror plugin of inline decorations. The margin
 * resolves the anchors (through Yjs) and hands over ranges; between two hand-overs the
 * decorations are mapped through each edit, so they never lag a keystroke behind.
 */
import { Extension } from "@tiptap/core";
import type { Transaction } from "@tiptap/pm/state";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";

/** One highlighted range; `threadId` "draft" marks the words of a comment being written. */
export interface HighlightRange {
  threadId: string;
  from: number;
  to: number;
}

/** The plugin's key; its state is the DecorationSet of highlights. */
export const commentHighlightsKey = new PluginKey<DecorationSet>("commentHighlights");

function decorate(tr: Transaction, ranges: HighlightRange[]): DecorationSet {
  const size = tr.doc.content.size;
  const decorations = ranges
    .filter((r) => r.from < r.to && r.to <= size)
    .map((r) =>
      Decoration.inline(
        r.from,
        r.to,
        {
          class: r.threadId === "draft" ? "cm-highlight is-draft" : "cm-highlight",
          "data-thread-id": r.threadId,
        },
        { threadId: r.threadId },
      ),
    );
  return DecorationSet.create(tr.doc, decorations);
}

/** The plugin on its own, for editors built without the extension below. */
export function commentHighlights(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: commentHighlightsKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const ranges = tr.getMeta(commentHighlightsKey) as HighlightRange[] | undefined;
        if (ranges) return decorate(tr, ranges);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state),
    },
  });
}

/** The ranges the plugin shows now (a range over several paragraphs is stored in pieces), to skip a hand-over that would change nothing. */
function shownRanges(view: EditorView): string {
  const set = commentHighlightsKey.getState(view.state);
  if (!set) return "";
  const byThread = new Map<string, { from: number; to: number }>();
  for (const d of set.find()) {
    const { threadId } = d.spec as { threadId: string };
    const seen = byThread.get(threadId);
    byThread.set(threadId, seen ? { from: Math.min(seen.from, d.from), to: Math.max(seen.to, d.to) } : { from: d.from, to: d.to });
  }
  return [...byThread].map(([id, r]) => `${id}:${r.from}-${r.to}`).sort().join(",");
}

/** Shows `ranges` as the highlights; dispatches nothing when they are already shown. */
export function showHighlights(view: EditorView, ranges: HighlightRange[]): void {
  if (view.isDestroyed || !commentHighlightsKey.getState(view.state)) return;
  const wanted = ranges
    .filter((r) => r.from < r.to)
    .map((r) => `${r.threadId}:${r.from}-${r.to}`)
    .sort()
    .join(",");
  if (wanted === shownRanges(view)) return;
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, ranges).setMeta("addToHistory", false));
}

/**
 * The highlights as a Tiptap extension, in the editor's list from the start: registering a plugin
 * later would rebuild every plugin view, y-tiptap's binding included.
 */
export const CommentHighlights = Extension.create({
  name: "commentHighlights",
  addProseMirrorPlugins: () => [commentHighlights()],
});
