/** The React node view of each block type, injected into the shared Tiptap nodes. */
import { ReactNodeViewRenderer, type ReactNodeViewProps } from "@tiptap/react";
import type { NodeViewRenderer } from "@tiptap/core";
import type { ComponentType } from "react";
import type { BlockType } from "../../../shared/blocks/schema.js";
import { ActionBlock } from "./blocks/ActionBlock.js";
import { FindingBlock } from "./blocks/FindingBlock.js";
import { JudgementBlock } from "./blocks/JudgementBlock.js";
import { PriorityBlock } from "./blocks/PriorityBlock.js";
import { TargetBlock } from "./blocks/TargetBlock.js";
import { withReading } from "./reading/withReading.js";

const COMPONENTS: Record<BlockType, ComponentType<ReactNodeViewProps>> = {
  priority: PriorityBlock,
  target: TargetBlock,
  action: ActionBlock,
  judgement: JudgementBlock,
  finding: FindingBlock,
};

/** Node views for planExtensions({ nodeViews }). Each block's element carries `id="block-<id>"` for links. */
export function blockNodeViews(): Record<BlockType, NodeViewRenderer> {
  const out = {} as Record<BlockType, NodeViewRenderer>;
  for (const [type, component] of Object.entries(COMPONENTS) as [BlockType, ComponentType<ReactNodeViewProps>][]) {
    out[type] = ReactNodeViewRenderer(withReading(type, component), {
      className: "pe-block-host",
      attrs: ({ node }): Record<string, string> => {
        const id = node.attrs.id as string | null;
        return id ? { id: `block-${id}`, "data-block": type, "data-block-id": id } : { "data-block": type };
      },
    });
  }
  return out;
}
