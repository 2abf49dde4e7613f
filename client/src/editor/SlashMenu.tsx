/** The list the slash menu shows: arrow keys move, Enter or Tab inserts, Escape closes. */
import { forwardRef, useEffect, useImperativeHandle, useState } from "react";
import type { BlockChoice } from "./blockCatalog.js";

export interface SlashMenuProps {
  items: BlockChoice[];
  command: (choice: BlockChoice) => void;
}

export interface SlashMenuHandle {
  onKeyDown: (event: KeyboardEvent) => boolean;
}

export const SlashMenu = forwardRef<SlashMenuHandle, SlashMenuProps>(function SlashMenu({ items, command }, ref) {
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [items]);
  useImperativeHandle(ref, () => ({
    onKeyDown(event) {
      if (!items.length) return false;
      if (event.key === "ArrowDown") return setActive((active + 1) % items.length), true;
      if (event.key === "ArrowUp") return setActive((active - 1 + items.length) % items.length), true;
      if (event.key === "Enter" || event.key === "Tab") return command(items[active]!), true;
      return false;
    },
  }));
  return (
    <div className="pe-slash" role="listbox" aria-label="Insert a block">
      {items.length === 0 && <div className="pe-slash-empty">No block matches</div>}
      {items.map((item, i) => (
        <button
          key={item.key}
          type="button"
          role="option"
          aria-selected={i === active}
          data-choice={item.key}
          className={i === active ? "pe-slash-item is-active" : "pe-slash-item"}
          onMouseEnter={() => setActive(i)}
          // Keep the editor's selection: a mousedown focus change would close the menu first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => command(item)}
        >
          <span className="pe-slash-label">{item.label}</span>
          <span className="pe-slash-desc">{item.description}</span>
        </button>
      ))}
    </div>
  );
});
