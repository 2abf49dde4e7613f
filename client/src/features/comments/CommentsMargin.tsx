/**
 * The comments margin beside the editor: a "Comment" button on selected text (or Mod-Alt-M),
 * the compose box, and each open thread's card level with its words, which are highlighted.
 * Threads whose words were deleted stay, marked "Text removed"; resolved ones fold into a list.
 * Mounted by the plan editor with one line (its highlights are the CommentHighlights extension);
 * outside a document page it renders nothing.
 */
import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { placeAnchor, anchorForRange, type AnchorPlace } from "./anchors.js";
import type { EncodedAnchor } from "./commentsApi.js";
import { showHighlights, type HighlightRange } from "./commentHighlights.js";
import { COMMENT_BLOCK_EVENT, useComments, type CommentsValue } from "./CommentsContext.js";
import { Composer } from "./Composer.js";
import { ThreadCard } from "./ThreadCard.js";
import { useMarginLayout } from "./useMarginLayout.js";
import "./comments.css";

const MAX_QUOTE = 1000;
const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
/** The shortcut as the person's keyboard names it. */
export const COMMENT_SHORTCUT_LABEL = isMac ? "⌘⌥M" : "Ctrl+Alt+M";

interface Draft {
  anchor: EncodedAnchor;
  quote: string;
}

const samePlaces = (a: Map<string, AnchorPlace>, b: Map<string, AnchorPlace>) =>
  a.size === b.size && [...a].every(([id, p]) => JSON.stringify(p) === JSON.stringify(b.get(id)));

/** The margin for `editor`; nothing outside a document page's comments context. */
export function CommentsMargin({ editor }: { editor: Editor }) {
  const comments = useComments();
  if (!comments || editor.isDestroyed) return null;
  return <Margin editor={editor} comments={comments} />;
}

function Margin({ editor, comments }: { editor: Editor; comments: CommentsValue }) {
  const location = useLocation();
  const threads = comments.threads ?? [];
  const openThreads = threads.filter((t) => !t.resolved);
  const resolvedThreads = threads.filter((t) => t.resolved);

  const [places, setPlaces] = useState<Map<string, AnchorPlace>>(() => new Map());
  const [selection, setSelection] = useState<{ from: number; to: number } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftPlace, setDraftPlace] = useState<AnchorPlace | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);

  const marginRef = useRef<HTMLElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const draftRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const cardRefs = useRef(new Map<string, HTMLElement>());

  /** Resolves every anchor against the document as it is now, and shows the highlights. */
  const recompute = useCallback(() => {
    if (editor.isDestroyed) return;
    const state = editor.state;
    const next = new Map<string, AnchorPlace>();
    for (const thread of threads) next.set(thread.id, placeAnchor(state, thread.anchor));
    setPlaces((prev) => (samePlaces(prev, next) ? prev : next));
    const nextDraft = draft ? placeAnchor(state, draft.anchor) : null;
    setDraftPlace((prev) => (JSON.stringify(prev) === JSON.stringify(nextDraft) ? prev : nextDraft));
    const ranges: HighlightRange[] = [];
    for (const thread of openThreads) {
      const place = next.get(thread.id);
      if (place && !place.removed) ranges.push({ threadId: thread.id, from: place.from, to: place.to });
    }
    if (nextDraft && !nextDraft.removed) ranges.push({ threadId: "draft", from: nextDraft.from, to: nextDraft.to });
    showHighlights(editor.view, ranges);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, comments.threads, draft]);

  const layout = useMarginLayout({ editor, marginRef, headerRef, draftRef, buttonRef, cardRefs, openThreads, places, draftPlace, selection, activeId });

  const latest = useRef({ recompute, layout });
  latest.current = { recompute, layout };
  useEffect(() => recompute(), [recompute]);

  // Every change to the text, local or remote, moves the highlights and the cards with their words.
  useEffect(() => {
    let frame = 0;
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      cancelAnimationFrame(frame);
      // After y-tiptap has written the change to Yjs, so anchors resolve against the same text.
      frame = requestAnimationFrame(() => {
        latest.current.recompute();
        latest.current.layout();
      });
    };
    editor.on("transaction", onTransaction);
    return () => {
      cancelAnimationFrame(frame);
      editor.off("transaction", onTransaction);
    };
  }, [editor]);

  // The selection, as the person sees it: non-empty and inside the document's text.
  useEffect(() => {
    let frame = 0;
    const read = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (editor.isDestroyed) return;
        const dom = document.getSelection();
        const inside = !!dom && dom.rangeCount > 0 && !dom.isCollapsed && editor.view.dom.contains(dom.anchorNode) && editor.view.dom.contains(dom.focusNode);
        const { from, to } = editor.state.selection;
        const hasText = inside && to > from && editor.state.doc.textBetween(from, to, " ", " ").trim().length > 0;
        setSelection((prev) => (hasText ? (prev?.from === from && prev.to === to ? prev : { from, to }) : null));
      });
    };
    editor.on("selectionUpdate", read);
    document.addEventListener("selectionchange", read);
    return () => {
      cancelAnimationFrame(frame);
      editor.off("selectionUpdate", read);
      document.removeEventListener("selectionchange", read);
    };
  }, [editor]);

  const startDraft = useCallback((range?: { from: number; to: number }) => {
    const { from, to } = range ?? editor.state.selection;
    if (to <= from) return;
    const anchor = anchorForRange(editor.state, from, to);
    if (!anchor) return;
    setDraft({ anchor, quote: editor.state.doc.textBetween(from, to, " ", " ").slice(0, MAX_QUOTE) });
    setActiveId(null);
  }, [editor]);

  // Mod-Alt-M comments on the selection; a window listener, since a read-only editor never has focus.
  useEffect(() => {
    if (!comments.canComment) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.metaKey || event.ctrlKey) || !event.altKey || event.code !== "KeyM") return;
      const dom = document.getSelection();
      if (!dom || dom.isCollapsed || !editor.view.dom.contains(dom.anchorNode)) return;
      event.preventDefault();
      startDraft();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editor, comments.canComment, startDraft]);

  // A block's own Comment button (BlockFrame) comments on its whole text: the keyboard's way in
  // where the text cannot be selected with a caret, as in a read-only document.
  useEffect(() => {
    const onRequest = (event: Event) => {
      const blockId = (event as CustomEvent<{ blockId?: unknown }>).detail?.blockId;
      if (typeof blockId !== "string" || !blockId) return;
      const found: { from: number; to: number }[] = [];
      editor.state.doc.descendants((node, pos) => {
        if (found.length) return false;
        if (node.attrs.id === blockId) found.push({ from: pos + 1, to: pos + 1 + node.content.size });
        return !node.isTextblock;
      });
      if (found[0]) startDraft(found[0]);
    };
    const dom = editor.view.dom;
    dom.addEventListener(COMMENT_BLOCK_EVENT, onRequest);
    return () => dom.removeEventListener(COMMENT_BLOCK_EVENT, onRequest);
  }, [editor, startDraft]);

  // Clicking highlighted words opens their thread.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const mark = (event.target as HTMLElement | null)?.closest?.(".cm-highlight[data-thread-id]");
      const id = mark?.getAttribute("data-thread-id");
      if (id && id !== "draft") setActiveId(id);
    };
    const dom = editor.view.dom;
    dom.addEventListener("click", onClick);
    return () => dom.removeEventListener("click", onClick);
  }, [editor]);

  // `/documents/:id#thread-<id>` (a notification's link) opens that thread, resolved or not.
  const loaded = comments.threads !== null;
  useEffect(() => {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!loaded || !hash.startsWith("thread-")) return;
    const id = hash.slice("thread-".length);
    const thread = comments.threads?.find((t) => t.id === id);
    if (!thread) return;
    if (thread.resolved) setShowResolved(true);
    setActiveId(id);
    const frame = requestAnimationFrame(() => {
      latest.current.layout();
      const card = document.getElementById(`thread-${id}`);
      card?.scrollIntoView({ block: "center" });
      card?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.hash, location.key, loaded]);

  useLayoutEffect(() => layout());

  const setCardRef = (id: string) => (el: HTMLElement | null) => {
    if (el) cardRefs.current.set(id, el);
    else cardRefs.current.delete(id);
  };

  const showButton = comments.canComment && selection !== null && draft === null;
  return (
    <aside ref={marginRef} className="cm-margin" aria-label="Comments">
      {/* The active thread's words are marked by a rule, not a new decoration, so choosing a thread never redraws the text under the pointer. */}
      {activeId && /^[0-9a-f-]+$/i.test(activeId) ? (
        <style>{`.cm-highlight[data-thread-id="${activeId}"] { background: #ffe066; border-bottom-color: #b7791f; }`}</style>
      ) : null}
      <div ref={headerRef} className="cm-margin-header">
        <h2 className="cm-title">
          Comments <span className="count">{openThreads.length ? `${openThreads.length} open` : "none open"}</span>
        </h2>
        {comments.error && comments.threads === null ? (
          <p className="inline-error" role="alert">
            Comments could not be loaded.{" "}
            <button type="button" className="cm-link-button" onClick={comments.refresh}>
              Try again
            </button>
          </p>
        ) : null}
        {comments.canComment && openThreads.length === 0 && !draft ? (
          <p className="hint cm-hint">
            Select words in the document, then press Comment (or {COMMENT_SHORTCUT_LABEL}).
          </p>
        ) : null}
        {!comments.canComment ? <p className="hint cm-hint">You can read comments, but not add them.</p> : null}
        {resolvedThreads.length > 0 ? (
          <button type="button" className="cm-resolved-toggle" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)}>
            Resolved ({resolvedThreads.length})
          </button>
        ) : null}
        {showResolved && resolvedThreads.length > 0 ? (
          <div className="cm-resolved-list">
            {resolvedThreads.map((t) => (
              <ThreadCard
                key={t.id}
                thread={t}
                place={places.get(t.id)}
                active={t.id === activeId}
                showQuote
                onActivate={() => setActiveId(t.id)}
                onClose={() => setActiveId(null)}
              />
            ))}
          </div>
        ) : null}
      </div>

      {showButton ? (
        <button
          ref={buttonRef}
          type="button"
          className="button button-primary button-small cm-add"
          // mousedown would move the selection away from the words before the click lands.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => startDraft()}
          title={`Comment on the selected words (${COMMENT_SHORTCUT_LABEL})`}
          aria-keyshortcuts={isMac ? "Meta+Alt+M" : "Control+Alt+M"}
        >
          Comment
        </button>
      ) : null}

      {draft ? (
        <div ref={draftRef} className="cm-card cm-draft is-active" data-testid="comment-draft">
          <p className="cm-quote">“{draft.quote.length > 140 ? `${draft.quote.slice(0, 139)}…` : draft.quote}”</p>
          <Composer
            label="Your comment"
            submitLabel="Comment"
            people={comments.people}
            autoFocus
            onCancel={() => setDraft(null)}
            onSubmit={async (body, mentions) => {
              const thread = await comments.start({ body, anchor: draft.anchor, quote: draft.quote, mentions });
              setDraft(null);
              setActiveId(thread.id);
            }}
          />
        </div>
      ) : null}

      {openThreads.map((t) => (
        <ThreadCard
          key={t.id}
          ref={setCardRef(t.id)}
          thread={t}
          place={places.get(t.id)}
          active={t.id === activeId}
          onActivate={() => setActiveId(t.id)}
          onClose={() => setActiveId(null)}
        />
      ))}
    </aside>
  );
}
