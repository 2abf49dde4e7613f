/** "Request changes": the board sends a plan back to draft with a note its leaders are told about. */
import { useEffect, useId, useRef, useState } from "react";
import { messageOf } from "../../api/client.js";
import { FormFooter } from "../../components/FormFooter.js";

/** A modal dialog; `onSend` rejects with the server's message, which the dialog shows. */
export function RequestChangesDialog(props: { onSend(note: string): Promise<void>; onClose(): void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  async function submit() {
    if (!note.trim()) {
      setError("Say what should change, so the leaders know what to do.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSend(note.trim());
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
        <h2 id={`${id}-title`}>Request changes</h2>
        <p className="hint">The plan goes back to draft, and its leaders are told, with your note.</p>
        <div className="field">
          <label htmlFor={`${id}-note`}>What should change</label>
          <textarea id={`${id}-note`} rows={4} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-required="true" />
        </div>
        <FormFooter error={error} busy={busy} submitLabel="Send back for changes" busyLabel="Sending…" onCancel={() => dialog.current?.close()} />
      </form>
    </dialog>
  );
}
