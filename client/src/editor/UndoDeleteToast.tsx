/**
 * "Action deleted. Undo": shown after a block is deleted from its menu. Undo puts the block back
 * with its id, owners and dates, so its progress history stays attached to it. Focus moves to
 * Undo, so a keyboard user can take it back at once; Escape dismisses the toast.
 */
import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { restoreBlock } from "./blockCommands.js";
import type { DeletedBlocks } from "./deletedBlocks.js";

export function UndoDeleteToast({ editor, store }: { editor: Editor; store: DeletedBlocks }) {
  const entry = useSyncExternalStore(store.subscribe, store.current);
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (entry) undo.current?.focus();
  }, [entry]);
  if (!entry) return null;
  const dismiss = () => {
    store.take();
    editor.commands.focus();
  };
  return (
    <div
      className="pe-toast"
      role="status"
      data-testid="undo-delete"
      onKeyDown={(e) => {
        if (e.key === "Escape") dismiss();
      }}
    >
      <span>{entry.label} deleted.</span>
      <button
        ref={undo}
        type="button"
        onClick={() => {
          const taken = store.take();
          if (!taken) return;
          editor.view.dispatch(restoreBlock(editor.state, taken.deleted));
          const id = (taken.deleted.node.attrs as { id?: string } | undefined)?.id;
          requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-block-id="${id}"] .pe-block-menu-button`)?.focus());
        }}
      >
        Undo
      </button>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
