/** Records a CEO 1:1 or health check that was held (trust leads and admins). */
import { useEffect, useId, useRef, useState } from "react";
import { messageOf } from "../../api/client.js";
import { FormFooter } from "../../components/FormFooter.js";
import { todayIso } from "./ApproveDialog.js";
import { CHECKIN_LABELS, recordCheckin, type CheckinKind } from "./supportApi.js";

/** The form; `onDone` hears the kind and date recorded. */
export function RecordCheckinForm({ schoolId, onDone, onCancel }: { schoolId: string; onDone(kind: CheckinKind, heldOn: string): void; onCancel(): void }) {
  const id = useId();
  const [kind, setKind] = useState<CheckinKind>("ceo_one_to_one");
  const [heldOn, setHeldOn] = useState(todayIso());
  const [notes, setNotes] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) return setError("Give the date it was held.");
    if (heldOn > todayIso()) return setError("Record a check-in once it has been held, not before.");
    setBusy(true);
    setError(null);
    try {
      await recordCheckin(schoolId, { kind, heldOn, notes: notes.trim() });
      onDone(kind, heldOn);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form
      className="form panel"
      aria-label="Record a check-in"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>Check-in</label>
          <select id={`${id}-kind`} ref={first} value={kind} onChange={(e) => setKind(e.target.value as CheckinKind)}>
            {(Object.keys(CHECKIN_LABELS) as CheckinKind[]).map((k) => (
              <option key={k} value={k}>
                {CHECKIN_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Held on</label>
          <input id={`${id}-date`} type="date" value={heldOn} max={todayIso()} onChange={(e) => setHeldOn(e.target.value)} required />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes (optional)</label>
        <textarea id={`${id}-notes`} rows={3} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <FormFooter error={error} busy={busy} submitLabel="Record check-in" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
