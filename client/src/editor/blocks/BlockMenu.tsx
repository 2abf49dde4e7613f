/**
 * Each block's small menu, as the WAI-ARIA menu button pattern describes it: a button with
 * aria-haspopup opens a menu whose items the arrow keys move between (roving focus), Enter or
 * Space runs one, Escape closes it and gives focus back to the button. Deleting a block that
 * names owners or a due date asks first; every deletion offers Undo (see UndoDeleteToast).
 */
import type { NodeViewProps } from "@tiptap/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { deleteBlock, deletionNeedsConfirming, duplicateBlock, moveBlock } from "../blockCommands.js";
import { usePlan } from "../PlanContext.js";

type Item = { key: "up" | "down" | "duplicate" | "delete"; label: string; disabled: boolean };

export function BlockMenu({ view, kindLabel }: { view: NodeViewProps; kindLabel: string }) {
  const { deletedBlocks } = usePlan();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const keep = useRef<HTMLButtonElement>(null);
  const kind = kindLabel.toLowerCase();

  const position = () => (typeof view.getPos === "function" ? view.getPos() : undefined);
  const edges = () => {
    const pos = position();
    if (pos === undefined) return { first: true, last: true };
    const $pos = view.editor.state.doc.resolve(pos);
    return { first: $pos.index() === 0, last: $pos.index() === $pos.parent.childCount - 1 };
  };
  const { first, last } = open ? edges() : { first: false, last: false };
  const menu: Item[] = [
    { key: "up", label: "Move up", disabled: first },
    { key: "down", label: "Move down", disabled: last },
    { key: "duplicate", label: "Duplicate", disabled: false },
    { key: "delete", label: "Delete…", disabled: false },
  ];
  if (!deletionNeedsConfirming(view.node)) menu[3]!.label = "Delete";

  useEffect(() => {
    if (open) items.current[focusIndex]?.focus();
  }, [open, focusIndex]);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const openAt = (index: number) => {
    setFocusIndex(index);
    setOpen(true);
  };

  const remove = () => {
    const pos = position();
    if (pos === undefined) return;
    const done = deleteBlock(view.editor.state, pos);
    if (!done) return;
    view.editor.view.dispatch(done.tr);
    deletedBlocks?.push({ label: kindLabel, deleted: done.deleted });
  };

  const run = (item: Item) => {
    if (item.disabled) return;
    const pos = position();
    if (pos === undefined) return;
    const { state } = view.editor;
    if (item.key === "delete") {
      setOpen(false);
      if (deletionNeedsConfirming(view.node)) setConfirming(true);
      else remove();
      return;
    }
    const tr = item.key === "duplicate" ? duplicateBlock(state, pos)?.tr : moveBlock(state, pos, item.key === "up" ? -1 : 1);
    setOpen(false);
    if (!tr) return;
    view.editor.view.dispatch(tr);
    // A move re-creates this node view; find the block's button again by its id.
    const blockId = view.node.attrs.id as string | null;
    requestAnimationFrame(() => {
      const target = item.key === "duplicate" ? button.current : document.querySelector<HTMLButtonElement>(`[data-block-id="${blockId}"] .pe-block-menu-button`);
      target?.focus();
    });
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const n = menu.length;
    if (e.key === "ArrowDown") setFocusIndex((i) => (i + 1) % n);
    else if (e.key === "ArrowUp") setFocusIndex((i) => (i - 1 + n) % n);
    else if (e.key === "Home") setFocusIndex(0);
    else if (e.key === "End") setFocusIndex(n - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") return setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const owners = (view.node.attrs.owners as string[] | null)?.length ?? 0;
  const due = view.node.attrs.due as string | null;
  const what = [owners ? (owners === 1 ? "an owner" : `${owners} owners`) : null, due ? "a due date" : null].filter(Boolean).join(" and ");

  return (
    <span className="pe-block-menu">
      <button
        ref={button}
        type="button"
        className="pe-block-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={`Options for this ${kind}`}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            openAt(e.key === "ArrowDown" ? 0 : menu.length - 1);
          }
        }}
      >
        Options
      </button>
      {open ? (
        <div
          id={`${id}-menu`}
          role="menu"
          aria-label={`Options for this ${kind}`}
          className="pe-block-menu-list"
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== button.current) setOpen(false);
          }}
        >
          {menu.map((item, i) => (
            <button
              key={item.key}
              ref={(el) => {
                items.current[i] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={i === focusIndex ? 0 : -1}
              aria-disabled={item.disabled || undefined}
              data-menu-item={item.key}
              className="pe-block-menu-item"
              onClick={() => run(item)}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby={`${id}-confirm`}
          className="pe-block-confirm"
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            e.preventDefault();
            setConfirming(false);
            button.current?.focus();
          }}
        >
          <span id={`${id}-confirm`}>
            Delete this {kind}? It has {what}.
          </span>
          <button type="button" className="pe-block-confirm-delete" onClick={() => { setConfirming(false); remove(); }}>
            Delete
          </button>
          <button
            ref={keep}
            type="button"
            onClick={() => {
              setConfirming(false);
              button.current?.focus();
            }}
          >
            Keep it
          </button>
        </div>
      ) : null}
    </span>
  );
}
