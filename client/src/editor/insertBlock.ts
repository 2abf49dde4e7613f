/** Inserts a structured block where the cursor is, the way the toolbar and the slash menu both do it. */
import type { Editor, Range } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { newBlockId } from "../../../shared/blocks/schema.js";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";
import type { BlockChoice } from "./blockCatalog.js";

/**
 * An empty paragraph under the cursor is replaced; otherwise the block goes after the top-level
 * node the cursor is in, so inserting never splits a target or a sentence in two. The cursor
 * lands in the new block's text.
 */
export function insertBlock(editor: Editor, choice: BlockChoice, ctx: { framework: FrameworkKey }, range?: Range): boolean {
  const attrs = { id: newBlockId(), ...choice.attrs?.(ctx) };
  return editor
    .chain()
    .focus()
    .command(({ tr, state }) => {
      if (range) tr.delete(range.from, range.to);
      const type = state.schema.nodes[choice.type];
      if (!type) return false;
      const node = type.create(attrs);
      const { $from } = tr.selection;
      let pos: number;
      if ($from.depth === 0) {
        pos = $from.pos;
        tr.insert(pos, node);
      } else {
        const top = $from.node(1);
        const emptyParagraph = top.type.name === "paragraph" && top.content.size === 0;
        pos = emptyParagraph ? $from.before(1) : $from.after(1);
        if (emptyParagraph) tr.replaceWith(pos, $from.after(1), node);
        else tr.insert(pos, node);
      }
      tr.setSelection(TextSelection.create(tr.doc, pos + 1)).scrollIntoView();
      return true;
    })
    .run();
}
