/** The frame of a block in the reading view: its kind and chips, its text, and its facts as labelled text. */
import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from "@tiptap/react";
import type { ReactNode } from "react";
import type { BlockType } from "../../../../shared/blocks/schema.js";
import { COMMENT_BLOCK_EVENT, useComments } from "../../features/comments/CommentsContext.js";
import "../../styles/print.css";
import "./reading.css";

/** One fact of a block: a label and its value as text; empty values are left out. */
export interface Fact {
  label: string;
  value: ReactNode;
  wide?: boolean;
}

export function ReadingFrame(props: {
  type: BlockType;
  kindLabel: string;
  node: NodeViewProps["node"];
  badges?: ReactNode;
  facts: Fact[];
  className?: string;
}) {
  const empty = props.node.content.size === 0;
  const canComment = useComments()?.canComment ?? false;
  const facts = props.facts.filter((f) => f.value !== null && f.value !== undefined && f.value !== "");
  return (
    <NodeViewWrapper className={`pe-block pe-reading pe-block-${props.type} ${props.className ?? ""}`} data-reading="true">
      <div className="pe-block-head" contentEditable={false}>
        <span className="pe-block-kind">{props.kindLabel}</span>
        {props.badges}
        {canComment && !empty ? (
          <button
            type="button"
            className="pe-block-comment"
            aria-label={`Comment on this ${props.kindLabel.toLowerCase()}`}
            onClick={(e) => e.currentTarget.dispatchEvent(new CustomEvent(COMMENT_BLOCK_EVENT, { bubbles: true, detail: { blockId: props.node.attrs.id } }))}
          >
            Comment
          </button>
        ) : null}
      </div>
      <div className="pe-block-text-wrap">
        {empty && (
          <span className="pe-muted pe-reading-empty" contentEditable={false}>
            Not written yet
          </span>
        )}
        <NodeViewContent className="pe-block-text" />
      </div>
      {facts.length > 0 && (
        <dl className="pe-reading-facts" contentEditable={false}>
          {facts.map((f) => (
            <div key={f.label} className={f.wide ? "pe-reading-fact pe-reading-fact-wide" : "pe-reading-fact"}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </NodeViewWrapper>
  );
}
