/**
 * Places the margin's cards level with their words without overlapping: the active card (or the
 * comment being written) sits exactly beside its words, cards above it move up, cards below move
 * down. On narrow screens (a tablet) the margin sits under the document and the cards simply
 * stack, but the comment being written opens just below its words, not at the foot of the page.
 */
import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useRef, type RefObject } from "react";
import type { AnchorPlace } from "./anchors.js";
import type { CommentThread } from "./commentsApi.js";

const GAP = 8;

interface LayoutInput {
  editor: Editor;
  marginRef: RefObject<HTMLElement | null>;
  headerRef: RefObject<HTMLElement | null>;
  draftRef: RefObject<HTMLElement | null>;
  buttonRef: RefObject<HTMLElement | null>;
  cardRefs: RefObject<Map<string, HTMLElement>>;
  openThreads: CommentThread[];
  places: Map<string, AnchorPlace>;
  draftPlace: AnchorPlace | null;
  selection: { from: number; to: number } | null;
  activeId: string | null;
}

interface Item {
  el: HTMLElement;
  desired: number;
  height: number;
  active: boolean;
}

/** Stacks items by their desired top: the active one stays put, the others make room around it. */
export function stack(items: Item[], minTop: number): number[] {
  const tops = items.map((i) => Math.max(i.desired, minTop));
  const a = items.findIndex((i) => i.active);
  const start = a >= 0 ? a : 0;
  for (let i = start + 1; i < items.length; i++) tops[i] = Math.max(tops[i]!, tops[i - 1]! + items[i - 1]!.height + GAP);
  for (let i = start - 1; i >= 0; i--) tops[i] = Math.min(tops[i]!, tops[i + 1]! - items[i]!.height - GAP);
  // Moving up may have pushed the first cards above the header: then everything flows down again.
  if (tops.length && tops[0]! < minTop) {
    tops[0] = minTop;
    for (let i = 1; i < items.length; i++) tops[i] = Math.max(tops[i]!, tops[i - 1]! + items[i - 1]!.height + GAP);
  }
  return tops;
}

/** Returns the layout function; it also runs on resizes of the document, the cards and the window. */
export function useMarginLayout(input: LayoutInput): () => void {
  const ref = useRef(input);
  ref.current = input;

  const layout = useCallback(() => {
    const { editor, marginRef, headerRef, draftRef, buttonRef, cardRefs, openThreads, places, draftPlace, selection, activeId } = ref.current;
    const margin = marginRef.current;
    if (!margin || editor.isDestroyed) return;
    const floating = getComputedStyle(margin).getPropertyValue("--cm-float").trim() === "1";
    const origin = margin.getBoundingClientRect().top;
    const topOf = (pos: number | null): number | null => {
      if (pos === null) return null;
      try {
        return editor.view.coordsAtPos(Math.min(pos, editor.state.doc.content.size)).top - origin;
      } catch {
        return null;
      }
    };
    const header = headerRef.current;
    const minTop = header ? header.offsetTop + header.offsetHeight + GAP : 0;

    const items: Item[] = [];
    const draftEl = draftRef.current;
    if (draftEl && draftPlace) {
      const at = draftPlace.removed ? draftPlace.at : draftPlace.from;
      items.push({ el: draftEl, desired: topOf(at) ?? minTop, height: draftEl.offsetHeight, active: true });
    }
    for (const thread of openThreads) {
      const el = cardRefs.current.get(thread.id);
      if (!el) continue;
      const place = places.get(thread.id);
      const at = !place ? null : place.removed ? place.at : place.from;
      items.push({ el, desired: topOf(at) ?? minTop, height: el.offsetHeight, active: !draftEl && thread.id === activeId });
    }
    const button = buttonRef.current;
    if (!floating) {
      for (const item of items) item.el.style.top = "";
      margin.style.minHeight = "";
      if (button) button.style.top = "";
      if (draftEl && draftPlace) {
        // Below the last line of its words (or where they were), drawn over the text that follows.
        let below: number | null = null;
        try {
          const end = draftPlace.removed ? draftPlace.at : draftPlace.to;
          if (end !== null) below = editor.view.coordsAtPos(Math.min(end, editor.state.doc.content.size)).bottom - origin;
        } catch {
          below = null;
        }
        draftEl.style.top = below === null ? "" : `${below + GAP}px`;
        const placed = !draftEl.classList.contains("is-beside-words") && below !== null;
        draftEl.classList.toggle("is-beside-words", below !== null);
        // Its text box took focus (and scrolled the page) before its words were known: bring the
        // words and the box back into view together, the words first if both do not fit.
        if (placed && !draftPlace.removed) {
          const wordsTop = editor.view.coordsAtPos(draftPlace.from).top;
          const box = draftEl.getBoundingClientRect();
          const fits = box.bottom - wordsTop + 2 * GAP <= window.innerHeight;
          if (wordsTop < GAP || box.bottom > window.innerHeight) window.scrollBy({ top: fits && wordsTop >= GAP ? box.bottom - window.innerHeight + GAP : wordsTop - 4 * GAP });
        }
      }
      return;
    }
    draftEl?.classList.remove("is-beside-words");
    items.sort((x, y) => x.desired - y.desired);
    const tops = stack(items, minTop);
    let bottom = minTop;
    items.forEach((item, i) => {
      item.el.style.top = `${tops[i]}px`;
      bottom = Math.max(bottom, tops[i]! + item.height);
    });
    if (button && selection) button.style.top = `${Math.max(0, topOf(selection.from) ?? minTop)}px`;
    margin.style.minHeight = `${bottom + GAP}px`;
  }, []);

  const { editor, marginRef } = input;
  useEffect(() => {
    let frame = 0;
    const soon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(layout);
    };
    const observer = new ResizeObserver(soon);
    observer.observe(editor.view.dom);
    if (marginRef.current) observer.observe(marginRef.current);
    window.addEventListener("resize", soon);
    // Cards change height as replies arrive or the reply box opens.
    const cards = new MutationObserver(soon);
    if (marginRef.current) cards.observe(marginRef.current, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      cards.disconnect();
      window.removeEventListener("resize", soon);
    };
  }, [editor, marginRef, layout]);

  return layout;
}
