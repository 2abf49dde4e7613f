/** An action: what will be done, by whom and when, how it is going, and the target it serves. */
import type { NodeViewProps } from "@tiptap/react";
import { useMemo, useState, useSyncExternalStore } from "react";
import { ACTION_STATUS_LABELS, ACTION_STATUSES, RAG_LABELS, type ActionStatus, type Rag } from "../../../../shared/enumValues.js";
import { usePlan } from "../PlanContext.js";
import { statusRagMismatch } from "../statusRag.js";
import type { TargetOption } from "../targetIndex.js";
import { BlockFrame, useBlockAttrs, useSetAttr } from "./BlockFrame.js";
import { DateField, OwnersField, RagBadge, RagField, SelectField, TextField } from "./fields.js";

const STATUS_OPTIONS = ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }));

/** Today as YYYY-MM-DD in the reader's own time zone, to compare with due dates. */
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** The linked-target select reads the document's targets when it is focused, not on every edit. */
function TargetLinkField({ value, onChange, disabled }: { value: string | null; onChange: (v: string | null) => void; disabled: boolean }) {
  const { targets } = usePlan();
  const linkedLabel = useSyncExternalStore(targets.subscribe, () => targets.label(value));
  const [options, setOptions] = useState<readonly TargetOption[]>([]);
  const load = () => setOptions(targets.list());
  const shown = options.length ? options : value ? [{ id: value, label: linkedLabel ?? "A target no longer in this document" }] : [];
  return (
    <span onFocusCapture={load} onPointerDownCapture={load} className="pe-contents">
      <SelectField
        label="Linked target"
        value={value}
        options={shown.map((t) => ({ value: t.id, label: t.label }))}
        empty="The target above (default)"
        wide
        onChange={onChange}
        disabled={disabled}
      />
    </span>
  );
}

/** Says when status and RAG disagree, next to the fields, with a button that makes them agree. */
function StatusRagNote(props: { status: ActionStatus; rag: Rag; readOnly: boolean; onFix: (fix: { rag: "blue" } | { status: "complete" }) => void }) {
  const mismatch = statusRagMismatch(props.status, props.rag);
  if (!mismatch) return null;
  const red = mismatch.kind === "complete_but_red";
  const words =
    mismatch.kind === "blue_not_complete"
      ? `RAG says complete, but the status is ${ACTION_STATUS_LABELS[props.status].toLowerCase()}.`
      : red
        ? "Marked complete, but the RAG is still red."
        : `Marked complete; the RAG is ${RAG_LABELS[props.rag].toLowerCase()}.`;
  return (
    <div className={red ? "pe-consistency pe-consistency-warning" : "pe-consistency"} role="status" data-mismatch={mismatch.kind}>
      <span>
        {red ? <strong>Warning: </strong> : null}
        {words}
      </span>
      {!props.readOnly && (
        <button type="button" onClick={() => props.onFix(mismatch.fix)}>
          {"rag" in mismatch.fix ? "Set RAG to blue (complete)" : "Mark the action complete"}
        </button>
      )}
    </div>
  );
}

export function ActionBlock(props: NodeViewProps) {
  const { node, updateAttributes } = props;
  const { readOnly } = usePlan();
  const { attrs, warnings } = useBlockAttrs("action", node.attrs);
  const set = useSetAttr(updateAttributes);
  const overdue = attrs.due !== null && attrs.due < today() && attrs.status !== "complete";
  const fields = useMemo(
    () => (
      <>
        <DateField label="Start" value={attrs.start} onCommit={(v) => set("start", v)} disabled={readOnly} />
        <DateField label="Due" value={attrs.due} onCommit={(v) => set("due", v)} disabled={readOnly} />
        <SelectField label="Status" value={attrs.status} options={STATUS_OPTIONS} onChange={(v) => set("status", v)} disabled={readOnly} />
        <RagField value={attrs.rag} onChange={(v) => set("rag", v)} disabled={readOnly} />
        <OwnersField value={attrs.owners} onChange={(v) => set("owners", v)} disabled={readOnly} />
        <TargetLinkField value={attrs.targetId} onChange={(v) => set("targetId", v)} disabled={readOnly} />
        <TextField label="Success criteria" value={attrs.successCriteria} multiline wide onCommit={(v) => set("successCriteria", v)} disabled={readOnly} />
        <TextField label="Cost" value={attrs.cost} placeholder="e.g. £1,200 supply cover" onCommit={(v) => set("cost", v)} disabled={readOnly} />
        <StatusRagNote status={attrs.status} rag={attrs.rag} readOnly={readOnly} onFix={(fix) => updateAttributes(fix)} />
      </>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attrs, readOnly],
  );
  return (
    <BlockFrame
      type="action"
      kindLabel="Action"
      hint="What will be done, so that someone else could check it happened"
      view={props}
      warnings={warnings}
      className={`pe-rag-edge-${attrs.rag}`}
      badges={
        <>
          <RagBadge rag={attrs.rag} />
          <span className={`pe-chip pe-status-${attrs.status}`}>{ACTION_STATUS_LABELS[attrs.status]}</span>
          {overdue && <span className="pe-chip pe-overdue">Overdue</span>}
          {attrs.findingId && <span className="pe-chip">From a peer-review finding</span>}
        </>
      }
    >
      {fields}
    </BlockFrame>
  );
}
