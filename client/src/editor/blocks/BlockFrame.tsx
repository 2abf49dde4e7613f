/** The shared frame of every block: its kind, its editable text with a hint, its fields and any warnings. */
import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from "@tiptap/react";
import { useMemo, type ReactNode } from "react";
import { parseBlockAttrs, type BlockAttrsByType, type BlockType, type BlockWarning } from "../../../../shared/blocks/schema.js";
import { COMMENT_BLOCK_EVENT, useComments } from "../../features/comments/CommentsContext.js";
import { usePlan } from "../PlanContext.js";
import { BlockMenu } from "./BlockMenu.js";

/** A block's attributes with defaults filled in, and what failed validation. */
export function useBlockAttrs<T extends BlockType>(type: T, raw: Record<string, unknown>): { attrs: BlockAttrsByType[T]; warnings: BlockWarning[] } {
  // Typing in the block's text keeps the same attrs object, so this only re-parses on real changes.
  return useMemo(() => parseBlockAttrs(type, raw), [type, raw]);
}

/** Writes one attribute; empty values go back to null so they stay off the Y.XmlElement. */
export function useSetAttr(updateAttributes: NodeViewProps["updateAttributes"]) {
  return (name: string, value: unknown) => {
    const empty = value === "" || (Array.isArray(value) && value.length === 0);
    updateAttributes({ [name]: empty ? null : value });
  };
}

export function BlockFrame(props: {
  type: BlockType;
  kindLabel: string;
  hint: string;
  view: NodeViewProps;
  badges?: ReactNode;
  warnings: BlockWarning[];
  children?: ReactNode;
  className?: string;
}) {
  const node = props.view.node;
  const empty = node.content.size === 0;
  const canComment = useComments()?.canComment ?? false;
  const { readOnly } = usePlan();
  return (
    <NodeViewWrapper className={`pe-block pe-block-${props.type} ${props.className ?? ""}`}>
      <div className="pe-block-head" contentEditable={false}>
        <span className="pe-block-kind">{props.kindLabel}</span>
        {props.badges}
        {canComment && !empty ? (
          <button
            type="button"
            className="pe-block-comment"
            aria-label={`Comment on this ${props.kindLabel.toLowerCase()}`}
            onClick={(e) => e.currentTarget.dispatchEvent(new CustomEvent(COMMENT_BLOCK_EVENT, { bubbles: true, detail: { blockId: node.attrs.id } }))}
          >
            Comment
          </button>
        ) : null}
        {!readOnly && <BlockMenu view={props.view} kindLabel={props.kindLabel.split(":")[0]!} />}
      </div>
      <div className="pe-block-text-wrap">
        {empty && (
          <span className="pe-block-hint" contentEditable={false} aria-hidden="true">
            {props.hint}
          </span>
        )}
        <NodeViewContent className="pe-block-text" />
      </div>
      {props.children && (
        <div className="pe-block-fields" contentEditable={false}>
          {props.children}
        </div>
      )}
      {props.warnings.length > 0 && (
        <ul className="pe-block-warnings" contentEditable={false}>
          {props.warnings.map((w) => (
            <li key={w.attribute}>{w.message}</li>
          ))}
        </ul>
      )}
    </NodeViewWrapper>
  );
}
