/**
 * The document's review and approval: its status with the moves this person may make, the named
 * versions (each opens read-only), "changes since approval", and a peer review's findings report.
 */
import { useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { messageOf } from "../../api/client.js";
import { useResource } from "../../api/useResource.js";
import { formatDay } from "../../components/dates.js";
import { StatusMessage } from "../../components/StatusMessage.js";
import { StatusBadge } from "../documents/StatusBadge.js";
import { ApproveDialog } from "./ApproveDialog.js";
import { RequestChangesDialog } from "./RequestChangesDialog.js";
import { ChangesSinceApproval } from "./ChangesSinceApproval.js";
import { useDocumentGovernance } from "./DocumentGovernance.js";
import { changeStatus, listVersions, type DocumentVersion, type StatusChange } from "./lifecycleApi.js";
import { allowedMoves, STATUS_EXPLANATIONS, type StatusMove } from "./statusMoves.js";
import "./governance.css";

const dateOnly = formatDay;

function VersionList({ documentId, versions }: { documentId: string; versions: DocumentVersion[] }) {
  return (
    <details className="gv-fold">
      <summary>Versions ({versions.length})</summary>
      <ol className="gv-versions">
        {versions.map((v) => (
          <li key={v.id}>
            <Link to={`/documents/${documentId}/versions/${v.id}`}>{v.name}</Link>
            <span className="cell-secondary">
              {v.approvalBodyLabel}, meeting of {dateOnly(v.approvedOn)}
              {v.minuteReference ? `, minute ${v.minuteReference}` : ""}
              {v.approvedBy?.name ? ` · recorded by ${v.approvedBy.name}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The review and approval card of the document page. */
export function ReviewPanel() {
  const gov = useDocumentGovernance();
  const doc = gov?.detail.document;
  const versions = useResource((signal) => (doc ? listVersions(doc.id, signal) : Promise.resolve([])), [doc?.id, doc?.status]);
  const [approving, setApproving] = useState(false);
  const [sendingBack, setSendingBack] = useState(false);
  const [confirming, setConfirming] = useState<StatusMove | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const approveButton = useRef<HTMLButtonElement>(null);
  const names = useMemo(() => new Map((gov?.people ?? []).map((p) => [p.id, p.name])), [gov?.people]);
  if (!gov || !doc) return null;

  const moves = allowedMoves(doc.status, gov.detail.abilities);
  const list = versions.status === "ready" ? versions.data : [];
  const latest = list[0];

  async function move(change: StatusChange, done: string, { showError = true } = {}) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await changeStatus(doc!.id, change);
      setConfirming(null);
      setApproving(false);
      setSendingBack(false);
      setMessage(done);
      gov!.reload();
    } catch (err) {
      if (showError) setError(messageOf(err));
      // A 409 means someone else moved it first: show where it is now.
      gov!.reload();
      throw err;
    } finally {
      setBusy(false);
    }
  }

  function onMove(m: StatusMove) {
    setError(null);
    if (m.to === "approved") setApproving(true);
    else if (m.note) setSendingBack(true);
    else if (m.confirm) setConfirming(m);
    else void move({ status: m.to } as StatusChange, `Status changed to ${m.to === "in_review" ? "in review" : m.to}.`).catch(() => undefined);
  }

  return (
    <section className="card gv-review" aria-labelledby="review-heading" data-status={doc.status}>
      <div className="card-header">
        <h2 id="review-heading">Review and approval</h2>
        <StatusBadge status={doc.status} />
      </div>
      <p className="gv-status-text">{STATUS_EXPLANATIONS[doc.status] ?? ""}</p>
      {doc.status === "approved" && latest ? (
        <p className="gv-approval" data-testid="approval-record">
          Approved by the {latest.approvalBodyLabel} on {dateOnly(latest.approvedOn)}
          {latest.minuteReference ? `, minute ${latest.minuteReference}` : ""}
          {latest.approvedBy?.name ? `, recorded by ${latest.approvedBy.name}` : ""}.
          {latest.openThreads || latest.openWarnings
            ? ` Approved with ${latest.openThreads} open ${latest.openThreads === 1 ? "thread" : "threads"} and ${latest.openWarnings} block ${latest.openWarnings === 1 ? "warning" : "warnings"}.`
            : ""}
        </p>
      ) : null}
      {moves.length > 0 ? (
        <div className="actions gv-moves">
          {moves.map((m) => (
            <button
              key={m.label}
              ref={m.to === "approved" ? approveButton : undefined}
              type="button"
              className={m.to === "approved" || m.to === "in_review" ? "button button-primary" : "button button-secondary"}
              disabled={busy}
              onClick={() => onMove(m)}
            >
              {m.label}
            </button>
          ))}
        </div>
      ) : null}
      {confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation, not a set of form fields; a fieldset would announce it as one
        <div className="panel gv-confirm" role="group" aria-label={confirming.label}>
          <p>{confirming.confirm}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary button-small"
              disabled={busy}
              onClick={() => void move({ status: confirming.to } as StatusChange, confirming.to === "draft" ? "A new revision has started: the document is a draft again." : "The document is archived.").catch(() => undefined)}
            >
              {confirming.label}
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(null)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <StatusMessage message={message} />
      {sendingBack ? (
        <RequestChangesDialog
          onSend={(note) => move({ status: "draft", note }, "Sent back for changes. Its leaders have been told.", { showError: false })}
          onClose={() => setSendingBack(false)}
        />
      ) : null}
      {approving ? (
        <ApproveDialog
          documentId={doc.id}
          onApprove={(input) => move({ status: "approved", ...input }, "Approved. The document is locked and its version is saved.", { showError: false })}
          onClose={() => {
            setApproving(false);
            requestAnimationFrame(() => approveButton.current?.focus());
          }}
        />
      ) : null}
      {list.length > 0 ? <VersionList documentId={doc.id} versions={list} /> : null}
      {/* A locked document cannot have changed since its approval; a new revision can. */}
      {list.length > 0 && (doc.status === "draft" || doc.status === "in_review") ? (
        <ChangesSinceApproval key={`${doc.id}-${latest?.id}`} documentId={doc.id} names={names} />
      ) : null}
      {doc.kind === "peer_review" ? (
        <p className="gv-report-link">
          <Link to={`/documents/${doc.id}/report`}>Findings report: each finding, its actions and their RAG</Link>
        </p>
      ) : null}
    </section>
  );
}
