/** `/documents/:id#block-<id>` links: once the document has synced, scroll to the block and mark it. */
import type { Editor } from "@tiptap/core";
import { useEffect } from "react";

export function useScrollToBlock(editor: Editor, synced: boolean): void {
  useEffect(() => {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!synced || !hash.startsWith("block-")) return;
    let tries = 0;
    let frame = 0;
    // Node views mount a frame or two after the sync lands, so look until the block is there.
    const find = () => {
      const el = editor.view.dom.querySelector<HTMLElement>(`[id="${CSS.escape(hash)}"]`);
      if (el) {
        el.scrollIntoView({ block: "center" });
        el.classList.add("pe-linked");
        return;
      }
      if (++tries < 120) frame = requestAnimationFrame(find);
    };
    find();
    return () => cancelAnimationFrame(frame);
  }, [editor, synced]);
}
