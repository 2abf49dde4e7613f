/**
 * The document's text on its page. First the reading preview, painted from one HTTP call with no
 * editor code; then the live editor, whose code (Tiptap, ProseMirror, Yjs: most of the page's
 * weight, and a second of a phone's main thread to start) is fetched when the browser is idle
 * once the text is on screen or nearly so, at once when the person reaches for the text, or when
 * a link points at one of its blocks. On a phone the details fill the first screen, so the editor
 * starts as the person scrolls to the text, not while the page is still settling. The editor
 * replaces the preview only when it is ready to use, so nothing typed is ever thrown away.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { DocumentDetail } from "../../api/types.js";
import type { Resource } from "../../api/useResource.js";
import { useMe } from "../../session/SessionContext.js";
import type { DocumentPreview } from "../../../../shared/documentPreview.js";
import { readOnlyReason } from "../editorData.js";
import { DocumentPreviewView } from "./DocumentPreview.js";
import { keepReadingPlace, trackReadingPlace } from "./readingPlace.js";

const DocumentEditor = lazy(() => import("../DocumentEditor.js"));

/** Runs `fn` when the browser is next idle (soon after the preview has painted). */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(fn, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(fn, 200);
  return () => clearTimeout(timer);
}

/** How near the screen the text must come for the editor to start: a quarter of a screen below. */
const NEAR = "0px 0px 25% 0px";

export function DocumentText({ detail, preview }: { detail: DocumentDetail; preview: Resource<DocumentPreview> }) {
  const me = useMe();
  const [wanted, setWanted] = useState(false);
  const settled = preview.status !== "loading";

  const root = useRef<HTMLDivElement | null>(null);

  // The editor's code waits for the preview, so the two do not share a slow connection.
  useEffect(() => {
    if (!settled || wanted) return;
    if (location.hash.startsWith("#block-")) return setWanted(true);
    let cancelIdle: (() => void) | null = null;
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting) || cancelIdle) return;
        cancelIdle = whenIdle(() => setWanted(true));
      },
      { rootMargin: NEAR },
    );
    if (root.current) near.observe(root.current);
    return () => {
      near.disconnect();
      cancelIdle?.();
    };
  }, [settled, wanted]);

  const reason = readOnlyReason({ abilities: detail.abilities, document: detail.document, roles: me.roles });
  const shown =
    preview.status === "ready" ? (
      <DocumentPreviewView preview={preview.data} framework={detail.document.framework} readOnlyReason={reason} />
    ) : (
      <p className="hint">{preview.status === "loading" ? "Loading the document…" : "Loading the editor…"}</p>
    );
  // Reaching for the text (a press, a key, a tab into it) wants the editor now, not when idle.
  const attach = useCallback((el: HTMLDivElement | null) => {
    root.current = el;
    trackReadingPlace(el);
    if (!el) return;
    const reach = () => setWanted(true);
    for (const type of ["pointerdown", "keydown", "focusin"]) el.addEventListener(type, reach, { once: true });
  }, []);
  const placeholder = <div ref={attach}>{shown}</div>;
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      {/* Keyed by status: after approval or a new revision the editor reopens with the new permissions. */}
      <DocumentEditor key={`${detail.document.id}:${detail.document.status}`} documentId={detail.document.id} initial={detail} placeholder={placeholder} onReady={keepReadingPlace} />
    </Suspense>
  );
}
