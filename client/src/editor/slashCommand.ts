/** "/" opens a menu of blocks ("/action", "/target", ...), built on @tiptap/suggestion. */
import { Extension } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import { Suggestion, type SuggestionProps } from "@tiptap/suggestion";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";
import { matchChoices, type BlockChoice } from "./blockCatalog.js";
import { insertBlock } from "./insertBlock.js";
import { SlashMenu, type SlashMenuHandle, type SlashMenuProps } from "./SlashMenu.js";

export const slashMenuKey = new PluginKey("slashMenu");

export const SlashCommand = Extension.create<{ framework: FrameworkKey }>({
  name: "slashCommand",
  addOptions: () => ({ framework: "ofsted-2025" }),
  addProseMirrorPlugins() {
    const framework = this.options.framework;
    return [
      Suggestion<BlockChoice, BlockChoice>({
        editor: this.editor,
        pluginKey: slashMenuKey,
        char: "/",
        // Only at the start of a line or after a space, so "2026/27" and "and/or" stay text.
        allowedPrefixes: [" "],
        allow: ({ editor }) => editor.isEditable,
        items: ({ query }) => matchChoices(query),
        command: ({ editor, range, props }) => {
          insertBlock(editor, props, { framework }, range);
        },
        render: () => {
          let renderer: ReactRenderer<SlashMenuHandle, SlashMenuProps> | null = null;
          let unmount: (() => void) | null = null;
          const propsFor = (p: SuggestionProps<BlockChoice, BlockChoice>): SlashMenuProps => ({ items: p.items, command: p.command });
          return {
            onStart(p) {
              renderer = new ReactRenderer(SlashMenu, { editor: p.editor, props: propsFor(p), className: "pe-slash-popup" });
              unmount = p.mount(renderer.element);
            },
            onUpdate(p) {
              renderer?.updateProps(propsFor(p));
            },
            // Escape is handled by the suggestion plugin itself: it closes the menu through onExit.
            onKeyDown({ event }) {
              return renderer?.ref?.onKeyDown(event) ?? false;
            },
            onExit() {
              unmount?.();
              renderer?.destroy();
              renderer = null;
              unmount = null;
            },
          };
        },
      }),
    ];
  },
});
