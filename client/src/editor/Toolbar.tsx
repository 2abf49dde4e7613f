/**
 * The editor toolbar: a little formatting and every block. Alt+F10 in the text moves focus here,
 * arrow keys move along it, and Escape returns to the text.
 */
import type { Editor } from "@tiptap/core";
import { useRef, type KeyboardEvent } from "react";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";
import { BLOCK_CHOICES } from "./blockCatalog.js";
import { insertBlock } from "./insertBlock.js";

const FORMATS = [
  { key: "heading", label: "Heading", run: (e: Editor) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: "bold", label: "Bold", run: (e: Editor) => e.chain().focus().toggleBold().run() },
  { key: "italic", label: "Italic", run: (e: Editor) => e.chain().focus().toggleItalic().run() },
  { key: "bullets", label: "Bullet list", run: (e: Editor) => e.chain().focus().toggleBulletList().run() },
];

export function Toolbar({ editor, framework }: { editor: Editor; framework: FrameworkKey }) {
  const bar = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = [...(bar.current?.querySelectorAll("button") ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      buttons[(i + (e.key === "ArrowRight" ? 1 : -1) + buttons.length) % buttons.length]?.focus();
    } else if (e.key === "Escape") {
      editor.commands.focus();
    }
  };
  return (
    <div className="pe-toolbar" role="toolbar" aria-label="Format and insert blocks" ref={bar} onKeyDown={onKeyDown}>
      <div className="pe-toolbar-group">
        {FORMATS.map((f) => (
          <button key={f.key} type="button" data-format={f.key} onClick={() => f.run(editor)}>
            {f.label}
          </button>
        ))}
      </div>
      <div className="pe-toolbar-group">
        <span className="pe-toolbar-label">Insert</span>
        {BLOCK_CHOICES.map((c) => (
          <button key={c.key} type="button" data-insert={c.key} title={`${c.description} (or type /${c.key})`} onClick={() => insertBlock(editor, c, { framework })}>
            {c.label.replace("Finding: area for development", "Development").replace("Finding: strength", "Strength")}
          </button>
        ))}
      </div>
      <span className="pe-toolbar-hint">Type / for blocks · Alt+F10 for this toolbar</span>
    </div>
  );
}
