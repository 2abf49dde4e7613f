/**
 * The approval dialog: the body that approves (from the server's policy), the meeting's date and
 * minute, an optional version name, and, first, what is still open on the plan, so nobody
 * approves over an open challenge by accident.
 */
import { useId, useState } from "react";
import { messageOf } from "../../api/client.js";
import { useResource } from "../../api/useResource.js";
import { FormFooter } from "../../components/FormFooter.js";
import { ModalForm } from "../../components/ModalForm.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import { APPROVAL_BODY_LABELS, getApprovalCheck, type ApprovalBody, type ApprovalCheck } from "./lifecycleApi.js";

/** Today as YYYY-MM-DD in the reader's own time zone. */
export const todayIso = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

function OpenItems({ check }: { check: ApprovalCheck }) {
  const { openThreads, warnings } = check;
  if (!openThreads.length && !warnings.length) {
    return <p className="hint" data-testid="approval-open">No open comment threads and no block warnings.</p>;
  }
  return (
    <div className="panel gv-open" data-testid="approval-open" role="note">
      <p>
        <strong>
          {openThreads.length} open comment {openThreads.length === 1 ? "thread" : "threads"} and {warnings.length} {warnings.length === 1 ? "block warning" : "block warnings"}.
        </strong>{" "}
        You can still approve; the counts are kept with the approval.
      </p>
      {openThreads.length ? (
        <ul>
          {openThreads.slice(0, 8).map((t) => (
            <li key={t.id}>
              {t.quote ? <q>{t.quote}</q> : null} {t.firstComment}
            </li>
          ))}
        </ul>
      ) : null}
      {warnings.length ? (
        <ul>
          {warnings.slice(0, 8).map((w) => (
            <li key={w.id}>
              {w.text || `An untitled ${w.type}`}: {w.messages.join("; ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A modal dialog; `onApprove` rejects with the server's message, which the dialog shows. */
export function ApproveDialog(props: {
  documentId: string;
  onApprove(input: { approvalBody: ApprovalBody; approvedOn: string; minuteReference?: string; versionName?: string }): Promise<void>;
  onClose(): void;
}) {
  const id = useId();
  const check = useResource((signal) => getApprovalCheck(props.documentId, signal), [props.documentId]);
  const [date, setDate] = useState(todayIso());
  const [minute, setMinute] = useState("");
  const [name, setName] = useState("");
  const { busy, error, setError, run } = useFormSubmit();
  const body: ApprovalBody | null = check.status === "ready" ? check.data.approvalBody : null;

  function submit() {
    if (!body) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError("Give the date of the meeting that approved it.");
    void run(() => props.onApprove({ approvalBody: body, approvedOn: date, minuteReference: minute.trim() || undefined, versionName: name.trim() || undefined }));
  }

  return (
    <ModalForm title="Approve this document" onClose={props.onClose} onSubmit={submit}>
      {(close) => (
        <>
          <p className="hint">Approval locks the text for everyone and keeps a named version that can be opened later.</p>
          {check.status === "loading" ? <p className="hint">Checking what is still open…</p> : null}
          {check.status === "error" ? (
            <p className="inline-error" role="alert">
              {messageOf(check.error)}
            </p>
          ) : null}
          {check.status === "ready" ? <OpenItems check={check.data} /> : null}
          {body ? (
            <p data-testid="approval-body">
              Approved by the <strong>{APPROVAL_BODY_LABELS[body]}</strong>
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-date`}>Date of the meeting</label>
            <input id={`${id}-date`} type="date" value={date} max={todayIso()} onChange={(e) => setDate(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor={`${id}-minute`}>Minute reference (optional)</label>
            <input id={`${id}-minute`} type="text" value={minute} maxLength={200} placeholder="e.g. LGB 2026/11, item 4" onChange={(e) => setMinute(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>Version name (optional)</label>
            <input
              id={`${id}-name`}
              type="text"
              value={name}
              maxLength={120}
              placeholder={body ? `Approved by the ${APPROVAL_BODY_LABELS[body]}, ${date}` : ""}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <FormFooter error={error} busy={busy || !body} submitLabel="Approve and lock" busyLabel={body ? "Approving…" : "Loading…"} onCancel={close} />
        </>
      )}
    </ModalForm>
  );
}
