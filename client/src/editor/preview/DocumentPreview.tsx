/**
 * The document as the reading view shows it, drawn from the plain tree of GET /documents/:id/preview
 * with no editor code: the page paints the text at once, and the live editor replaces it when its
 * code has loaded. Markup and classes follow the reading view's, so the swap does not move the text;
 * the names the tests and the editor look for (.pe-prose, .pe-block-host) are left to the editor.
 */
import type { ReactNode } from "react";
import { ACTION_STATUS_LABELS, RAG_LABELS, type ActionStatus, type Rag } from "../../../../shared/enumValues.js";
import { isPreviewText, type DocumentPreview, type PreviewElement, type PreviewNode, type PreviewText } from "../../../../shared/documentPreview.js";
import { areaLabel, DEFAULT_FRAMEWORK, FRAMEWORKS, gradesFor, isFrameworkKey, type FrameworkKey } from "../../../../shared/frameworks/index.js";
import { formatDay } from "../../components/dates.js";
import "../editor.css";
import "../reading/reading.css";
import "./preview.css";

interface Ctx {
  framework: FrameworkKey;
  names: Record<string, string>;
  targets: Map<string, string>;
}

interface Fact {
  label: string;
  value: string;
  wide?: boolean;
}

const OUTCOME_LABELS: Record<string, string> = { not_met: "Not met", partially_met: "Partially met", met: "Met" };
const MARK_TAGS: Record<string, "strong" | "em" | "s" | "code" | "u"> = { bold: "strong", italic: "em", strike: "s", code: "code", underline: "u" };
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const day = (v: unknown): string => (typeof v === "string" && v ? formatDay(v) : "");
const textOf = (nodes: PreviewNode[]): string => nodes.map((n) => (isPreviewText(n) ? n.text : textOf(n.content))).join("");

function Text({ node }: { node: PreviewText }) {
  let out: ReactNode = node.text;
  for (const mark of node.marks ?? []) {
    const Tag = MARK_TAGS[mark];
    if (Tag) out = <Tag>{out}</Tag>;
    else if (mark === "link" && node.href && /^(https?:|mailto:|\/)/i.test(node.href)) {
      out = (
        <a href={node.href} rel="noopener noreferrer nofollow">
          {out}
        </a>
      );
    }
  }
  return <>{out}</>;
}

function Children({ nodes, ctx }: { nodes: PreviewNode[]; ctx: Ctx }) {
  return (
    <>
      {nodes.map((n, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the tree is drawn once and replaced, never reordered
        isPreviewText(n) ? <Text key={i} node={n} /> : <Element key={i} node={n} ctx={ctx} />,
      )}
    </>
  );
}

/** An empty text block keeps a line's height, as ProseMirror's trailing break does. */
function Inline({ nodes, ctx }: { nodes: PreviewNode[]; ctx: Ctx }) {
  return nodes.length ? <Children nodes={nodes} ctx={ctx} /> : <br />;
}

function Element({ node, ctx }: { node: PreviewElement; ctx: Ctx }) {
  const { content, attrs } = node;
  switch (node.type) {
    case "paragraph":
      return <p><Inline nodes={content} ctx={ctx} /></p>;
    case "heading": {
      const level = Math.min(Math.max(Number(attrs.level) || 2, 1), 6);
      const H = `h${level}` as "h2";
      return <H><Inline nodes={content} ctx={ctx} /></H>;
    }
    case "bulletList":
      return <ul><Children nodes={content} ctx={ctx} /></ul>;
    case "orderedList":
      return <ol start={Number(attrs.start) || undefined}><Children nodes={content} ctx={ctx} /></ol>;
    case "listItem":
      return <li><Children nodes={content} ctx={ctx} /></li>;
    case "blockquote":
      return <blockquote><Children nodes={content} ctx={ctx} /></blockquote>;
    case "codeBlock":
      return <pre><code>{textOf(content)}</code></pre>;
    case "horizontalRule":
      return <hr />;
    case "hardBreak":
      return <br />;
    case "priority":
    case "target":
    case "action":
    case "judgement":
    case "finding":
      return <Block node={node} ctx={ctx} />;
    default:
      return <div><Children nodes={content} ctx={ctx} /></div>;
  }
}

function RagChip({ rag }: { rag: unknown }) {
  const value = (typeof rag === "string" && rag in RAG_LABELS ? rag : "none") as Rag;
  return (
    <span className={`pe-rag pe-rag-${value}`}>
      <span className="pe-rag-dot" aria-hidden="true" />
      {RAG_LABELS[value]}
    </span>
  );
}

/** Owner ids as names, as the reading view words them. */
const owners = (ids: unknown, ctx: Ctx): string =>
  (Array.isArray(ids) ? ids : []).map((id: string) => ctx.names[id] ?? "Someone no longer at the school").join(", ") || "No owner yet";

/** One block's kind, chips and facts, worded as ReadingBlocks words them. */
function blockParts(node: PreviewElement, ctx: Ctx): { kind: string; className: string; badges: ReactNode; facts: Fact[] } {
  const a = node.attrs;
  const area = str(a.area);
  const areaFact = { label: "Area", value: area ? areaLabel(ctx.framework, area) : "" };
  if (node.type === "priority") return { kind: "Priority", className: "", badges: null, facts: [areaFact] };
  if (node.type === "target") {
    return {
      kind: "Target",
      className: `pe-rag-edge-${str(a.rag) || "none"}`,
      badges: <RagChip rag={a.rag} />,
      facts: [
        { label: "Measure", value: str(a.measure) },
        { label: "Baseline", value: str(a.baseline) },
        { label: "Current", value: str(a.current) },
        { label: "Goal", value: str(a.goal) },
        { label: "Due", value: day(a.due) },
        { label: "Owners", value: owners(a.owners, ctx) },
        { label: "Outcome at review", value: OUTCOME_LABELS[str(a.outcome)] ?? "" },
      ],
    };
  }
  if (node.type === "action") {
    const status = (str(a.status) || "not_started") as ActionStatus;
    const overdue = typeof a.due === "string" && a.due < new Date().toISOString().slice(0, 10) && status !== "complete";
    return {
      kind: "Action",
      className: `pe-rag-edge-${str(a.rag) || "none"}`,
      badges: (
        <>
          <RagChip rag={a.rag} />
          <span className={`pe-chip pe-status-${status}`}>{ACTION_STATUS_LABELS[status] ?? status}</span>
          {overdue && <span className="pe-chip pe-overdue">Overdue</span>}
        </>
      ),
      facts: [
        { label: "Owners", value: owners(a.owners, ctx) },
        { label: "Start", value: day(a.start) },
        { label: "Due", value: day(a.due) },
        { label: "Linked target", value: ctx.targets.get(str(a.targetId)) ?? "", wide: true },
        { label: "Success criteria", value: str(a.successCriteria), wide: true },
        { label: "Cost", value: str(a.cost) },
      ],
    };
  }
  if (node.type === "judgement") {
    const framework = isFrameworkKey(a.framework) ? a.framework : ctx.framework;
    const grade = gradesFor(framework, area).find((g) => g.key === a.grade);
    const label = area ? areaLabel(framework, area) : null;
    return {
      kind: label ? `Judgement: ${label}` : "Judgement",
      className: "",
      badges: <span className={`pe-chip pe-grade pe-grade-${grade?.rank ?? "none"}`}>{grade?.label ?? "Not graded"}</span>,
      facts: [{ label: "Framework", value: FRAMEWORKS[framework].label, wide: true }],
    };
  }
  const strength = a.kind === "strength";
  return {
    kind: strength ? "Finding: strength" : "Finding: area for development",
    className: strength ? "pe-finding-strength" : "pe-finding-development",
    badges: null,
    facts: [areaFact],
  };
}

function Block({ node, ctx }: { node: PreviewElement; ctx: Ctx }) {
  const { kind, className, badges, facts } = blockParts(node, ctx);
  const shown = facts.filter((f) => f.value !== "");
  const id = str(node.attrs.id);
  return (
    <div className="pe-preview-block" data-preview-block={node.type} data-preview-block-id={id || undefined}>
      <div className={`pe-block pe-reading pe-block-${node.type} ${className}`}>
        <div className="pe-block-head">
          <span className="pe-block-kind">{kind}</span>
          {badges}
        </div>
        <div className="pe-block-text-wrap">
          {node.content.length === 0 && <span className="pe-muted pe-reading-empty">Not written yet</span>}
          <div className="pe-preview-block-text">
            <Children nodes={node.content} ctx={ctx} />
          </div>
        </div>
        {shown.length > 0 && (
          <dl className="pe-reading-facts">
            {shown.map((f) => (
              <div key={f.label} className={f.wide ? "pe-reading-fact pe-reading-fact-wide" : "pe-reading-fact"}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}

/** Target ids to their text, for actions' "Linked target", as the editor's target index labels them. */
function targetLabels(nodes: PreviewNode[], out = new Map<string, string>()): Map<string, string> {
  for (const n of nodes) {
    if (isPreviewText(n)) continue;
    if (n.type === "target" && typeof n.attrs.id === "string") out.set(n.attrs.id, textOf(n.content).trim() || "Untitled target");
    else targetLabels(n.content, out);
  }
  return out;
}

export interface DocumentPreviewProps {
  preview: DocumentPreview;
  framework: string | null;
  /** Why the text cannot be changed, as the editor's banner says it; null when it can. */
  readOnlyReason: string | null;
}

/** The document's text, read-only, in the editor's frame: shown until the live editor is ready. */
export function DocumentPreviewView({ preview, framework, readOnlyReason }: DocumentPreviewProps) {
  const ctx: Ctx = {
    framework: isFrameworkKey(framework) ? framework : DEFAULT_FRAMEWORK,
    names: preview.names,
    targets: targetLabels(preview.content),
  };
  return (
    <div className="pe-shell is-readonly is-reading pe-preview" data-testid="document-preview">
      <div className="pe-topbar">
        <div className="pe-connection pe-connection-connecting" role="status">
          <span className="pe-connection-dot" aria-hidden="true" />
          <span className="pe-connection-state">Opening</span>
          <span className="pe-connection-detail">Loading the editor…</span>
        </div>
      </div>
      {readOnlyReason && (
        <div className="pe-readonly-banner" role="note">
          <strong>Read only.</strong> {readOnlyReason}
        </div>
      )}
      <div className="pe-editor">
        <div className="pe-preview-text">
          <Children nodes={preview.content} ctx={ctx} />
        </div>
      </div>
    </div>
  );
}
