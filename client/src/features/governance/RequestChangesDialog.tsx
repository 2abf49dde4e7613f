/** "Request changes": the board sends a plan back to draft with a note its leaders are told about. */
import { useId, useState } from "react";
import { FormFooter } from "../../components/FormFooter.js";
import { ModalForm } from "../../components/ModalForm.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";

/** A modal dialog; `onSend` rejects with the server's message, which the dialog shows. */
export function RequestChangesDialog(props: { onSend(note: string): Promise<void>; onClose(): void }) {
  const id = useId();
  const [note, setNote] = useState("");
  const { busy, error, setError, run } = useFormSubmit();

  function submit() {
    if (!note.trim()) return setError("Say what should change, so the leaders know what to do.");
    void run(() => props.onSend(note.trim()));
  }

  return (
    <ModalForm title="Request changes" onClose={props.onClose} onSubmit={submit}>
      {(close) => (
        <>
          <p className="hint">The plan goes back to draft, and its leaders are told, with your note.</p>
          <div className="field">
            <label htmlFor={`${id}-note`}>What should change</label>
            <textarea id={`${id}-note`} rows={4} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-required="true" />
          </div>
          <FormFooter error={error} busy={busy} submitLabel="Send back for changes" busyLabel="Sending…" onCancel={close} />
        </>
      )}
    </ModalForm>
  );
}
