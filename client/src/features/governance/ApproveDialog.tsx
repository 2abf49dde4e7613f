/** The approval dialog: which body approved the document, on what date, and an optional version name. */
import { useEffect, useId, useRef, useState } from "react";
import { messageOf } from "../../api/client.js";
import { FormFooter } from "../../components/FormFooter.js";
import { APPROVAL_BODY_LABELS, type ApprovalBody } from "./lifecycleApi.js";

/** Today as YYYY-MM-DD in the reader's own time zone. */
export const todayIso = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** A modal dialog; `onApprove` rejects with the server's message, which the dialog shows. */
export function ApproveDialog(props: {
  onApprove(input: { approvalBody: ApprovalBody; approvedOn: string; versionName?: string }): Promise<void>;
  onClose(): void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [body, setBody] = useState<ApprovalBody>("lgb");
  const [date, setDate] = useState(todayIso());
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  async function submit() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setError("Give the date of the meeting that approved it.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onApprove({ approvalBody: body, approvedOn: date, versionName: name.trim() || undefined });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="gv-dialog" aria-labelledby={`${id}-title`} onClose={props.onClose}>
      <form
        className="form"
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id={`${id}-title`}>Approve this document</h2>
        <p className="hint">Approval locks the text for everyone and keeps a named version that can be opened later.</p>
        <fieldset className="field">
          <legend>Approved by</legend>
          {(Object.keys(APPROVAL_BODY_LABELS) as ApprovalBody[]).map((key) => (
            <label key={key} className="choice">
              <input type="radio" name={`${id}-body`} value={key} checked={body === key} onChange={() => setBody(key)} />
              {APPROVAL_BODY_LABELS[key]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-date`}>Date of approval</label>
          <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Version name (optional)</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={120}
            placeholder={`Approved by the ${APPROVAL_BODY_LABELS[body]}, ${date}`}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <FormFooter error={error} busy={busy} submitLabel="Approve and lock" busyLabel="Approving…" onCancel={() => dialog.current?.close()} />
      </form>
    </dialog>
  );
}
