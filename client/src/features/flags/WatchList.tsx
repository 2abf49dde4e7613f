/**
 * The trust's watch list on /trust: every raised flag, loudest first, with the reason. A trust
 * lead acknowledges one with a note, which quiets it until its facts change.
 */
import { useState } from "react";
import { Link } from "react-router";
import { api, messageOf } from "../../api/client.js";
import { EmptyState } from "../../components/EmptyState.js";
import type { SchoolFlag } from "../../../../server/flags/types.js";
import "./flags.css";

const SEVERITY_LABEL: Record<SchoolFlag["severity"], string> = { high: "High", medium: "Medium", low: "Low" };
const SEVERITY_RANK: Record<SchoolFlag["severity"], number> = { high: 0, medium: 1, low: 2 };

/** A row of the dashboard, as far as the watch list needs it. */
export interface WatchedSchool {
  id: string;
  name: string;
  flags?: SchoolFlag[];
}

function Acknowledge({ schoolId, flag, onDone }: { schoolId: string; flag: SchoolFlag; onDone: (ack: NonNullable<SchoolFlag["acknowledged"]>) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        Acknowledge
      </button>
    );
  }
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ acknowledgement: { note: string; at: string; by: { id: string; name: string } } }>(`/schools/${schoolId}/flags/acknowledge`, { rule: flag.rule, note });
      setOpen(false);
      onDone({ note: res.acknowledgement.note, at: res.acknowledgement.at, by: res.acknowledgement.by });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="wl-ack" onSubmit={submit}>
      <label>
        Why can this flag rest?
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} required autoFocus />
      </label>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <button type="submit" className="button button-small" disabled={busy || !note.trim()}>
        {busy ? "Saving…" : "Save note"}
      </button>
      <button type="button" className="button button-small button-secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

/** The watch list: flags across schools, high severity first; quiet (acknowledged) ones folded away. */
export function WatchList({ schools, canAcknowledge = true }: { schools: WatchedSchool[]; canAcknowledge?: boolean }) {
  // Acknowledged here since the last load: quiet at once, until the next refresh brings the server's view.
  const [acked, setAcked] = useState<Record<string, { facts: string; ack: NonNullable<SchoolFlag["acknowledged"]> }>>({});
  const all = schools.flatMap((s) =>
    (s.flags ?? []).map((flag) => {
      const local = acked[`${s.id}|${flag.rule}`];
      return { school: s, flag: !flag.acknowledged && local && local.facts === flag.facts ? { ...flag, acknowledged: local.ack } : flag };
    }),
  );
  const loud = all.filter((x) => !x.flag.acknowledged).sort((a, b) => SEVERITY_RANK[a.flag.severity] - SEVERITY_RANK[b.flag.severity] || a.school.name.localeCompare(b.school.name));
  const quiet = all.filter((x) => x.flag.acknowledged);
  return (
    <section className="section" aria-labelledby="watch-heading">
      <h2 id="watch-heading">Watch list</h2>
      {loud.length === 0 ? (
        <EmptyState title="Nothing needs attention">
          <p>No school has a raised flag today.</p>
        </EmptyState>
      ) : (
        <ol className="wl-list">
          {loud.map(({ school, flag }) => (
            <li key={`${school.id}-${flag.rule}`} className="wl-item" data-severity={flag.severity}>
              <span className={`wl-severity wl-${flag.severity}`}>{SEVERITY_LABEL[flag.severity]}</span>
              <div className="wl-body">
                <Link to={`/schools/${school.id}`}>{school.name}</Link>
                <p>{flag.explanation}</p>
              </div>
              {canAcknowledge ? <Acknowledge schoolId={school.id} flag={flag} onDone={(ack) => setAcked((m) => ({ ...m, [`${school.id}|${flag.rule}`]: { facts: flag.facts, ack } }))} /> : null}
            </li>
          ))}
        </ol>
      )}
      {quiet.length ? (
        <details>
          <summary>Acknowledged ({quiet.length})</summary>
          <ul className="wl-list">
            {quiet.map(({ school, flag }) => (
              <li key={`${school.id}-${flag.rule}`} className="wl-item wl-quiet">
                <div className="wl-body">
                  <Link to={`/schools/${school.id}`}>{school.name}</Link>
                  <p>{flag.explanation}</p>
                  <p className="cell-secondary">
                    “{flag.acknowledged!.note}” — {flag.acknowledged!.by.name ?? "someone"}, {new Date(flag.acknowledged!.at).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
