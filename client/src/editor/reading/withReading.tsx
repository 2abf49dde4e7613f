/** Wraps a block's editing node view so it shows the block's reading view whenever reading is on. */
import type { ReactNodeViewProps } from "@tiptap/react";
import type { ComponentType } from "react";
import type { BlockType } from "../../../../shared/blocks/schema.js";
import { ReadingAction, ReadingFinding, ReadingJudgement, ReadingPriority, ReadingTarget } from "./ReadingBlocks.js";
import { useReading } from "./ReadingContext.js";

const READING: Record<BlockType, ComponentType<ReactNodeViewProps>> = {
  priority: ReadingPriority,
  target: ReadingTarget,
  action: ReadingAction,
  judgement: ReadingJudgement,
  finding: ReadingFinding,
};

const cache = new Map<ComponentType<ReactNodeViewProps>, ComponentType<ReactNodeViewProps>>();

/** The node view for `type`: the editing component, or its reading twin while reading. */
export function withReading(type: BlockType, Editing: ComponentType<ReactNodeViewProps>): ComponentType<ReactNodeViewProps> {
  const hit = cache.get(Editing);
  if (hit) return hit;
  const Reading = READING[type];
  function BlockView(props: ReactNodeViewProps) {
    return useReading() ? <Reading {...props} /> : <Editing {...props} />;
  }
  BlockView.displayName = `WithReading(${type})`;
  cache.set(Editing, BlockView);
  return BlockView;
}
