/**
 * On a plan's page: where it was carried from or into (with the old plan's closing summary), a
 * "Roll forward" dialog that starts next term's plan in one step, and recording this half term's review.
 */
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, messageOf } from "../../api/client.js";
import { useResource } from "../../api/useResource.js";
import { HALF_TERMS, halfTermLabel, nextAcademicYear } from "../../../../shared/calendar/index.js";
import { TERMS, type Term } from "../../../../shared/enums.js";
import { recordReview } from "./reviewsApi.js";

interface Link_ {
  documentId: string;
  title: string;
  status: string;
  carried: number;
  closed: { id: string | null; type: string; text: string; rag: string; status: string | null; outcome: string | null }[];
  archivedAt: string | null;
}
interface RollForwardInfo {
  carriedInto: Link_ | null;
  carriedFrom: Link_ | null;
  abilities: { rollForward: boolean; recordReview: boolean };
}

const PLAN_KINDS = new Set(["single_plan", "adp", "action_plan"]);
const TERM_NAMES: Record<Term, string> = { autumn: "Autumn", spring: "Spring", summer: "Summer" };

/** The next term after this one, and its academic year. */
function nextTerm(term: string | null, year: string): { term: Term; academicYear: string } {
  const i = TERMS.indexOf((term ?? "summer") as Term);
  return i >= 0 && i < TERMS.length - 1 ? { term: TERMS[i + 1]!, academicYear: year } : { term: "autumn", academicYear: nextAcademicYear(year) };
}

function RollForwardDialog({ doc, onClose }: { doc: { id: string; kind: string; term: string | null; academicYear: string }; onClose: () => void }) {
  const suggested = nextTerm(doc.term, doc.academicYear);
  const termly = doc.kind === "single_plan";
  const [term, setTerm] = useState<Term>(suggested.term);
  const [year, setYear] = useState(termly ? suggested.academicYear : nextAcademicYear(doc.academicYear));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ document: { id: string } }>(`/documents/${doc.id}/roll-forward`, termly ? { term, academicYear: year } : { academicYear: year });
      navigate(`/documents/${res.document.id}`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="roll-heading">
      <h3 id="roll-heading">Roll this plan forward</h3>
      <p className="hint">Every open target and action is carried into a new draft with its owners, dates and RAG; completed ones stay here in a closing summary. This plan is archived when the new one is approved.</p>
      {termly ? (
        <label>
          Term
          <select value={term} onChange={(e) => setTerm(e.target.value as Term)}>
            {TERMS.map((t) => (
              <option key={t} value={t}>{TERM_NAMES[t]}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Academic year
        <input value={year} onChange={(e) => setYear(e.target.value)} pattern="\d{4}/\d{2}" required />
      </label>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <button type="submit" className="button" disabled={busy}>{busy ? "Creating the new plan…" : "Create the new plan"}</button>{" "}
      <button type="button" className="button button-secondary" onClick={onClose}>Cancel</button>
    </form>
  );
}

function ReviewButton({ documentId }: { documentId: string }) {
  const [halfTerm, setHalfTerm] = useState<string>(HALF_TERMS[0]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (close: boolean) => {
    setBusy(true);
    try {
      const res = await recordReview(documentId, { halfTerm, close });
      setMessage(res.review.status === "closed" ? `${halfTermLabel(halfTerm)} review closed: its snapshot is kept as it is now.` : `${halfTermLabel(halfTerm)} review recorded from the plan as it is now.`);
    } catch (err) {
      setMessage(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="roll-review">
      <label>
        Review for
        <select value={halfTerm} onChange={(e) => setHalfTerm(e.target.value)}>
          {HALF_TERMS.map((h) => (
            <option key={h} value={h}>{halfTermLabel(h)}</option>
          ))}
        </select>
      </label>{" "}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => run(false)}>Record review</button>{" "}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => run(true)}>Close review</button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  );
}

/** Shown on plans (Single Plans, ADPs, action plans) only. */
export function RollForwardPanel({ doc }: { doc: { id: string; kind: string; term: string | null; academicYear: string } }) {
  const info = useResource((signal) => api.get<RollForwardInfo>(`/documents/${doc.id}/roll-forward`, { signal }), [doc.id]);
  const [open, setOpen] = useState(false);
  if (!PLAN_KINDS.has(doc.kind) || info.status !== "ready") return null;
  const { carriedFrom, carriedInto, abilities } = info.data;
  if (!carriedFrom && !carriedInto && !abilities.rollForward && !abilities.recordReview) return null;
  return (
    <section className="card section" aria-label="The termly cycle">
      {carriedFrom ? (
        <p>Carried forward from <Link to={`/documents/${carriedFrom.documentId}`}>{carriedFrom.title}</Link> ({carriedFrom.carried} open targets and actions).</p>
      ) : null}
      {carriedInto ? (
        <>
          <p>Rolled forward into <Link to={`/documents/${carriedInto.documentId}`}>{carriedInto.title}</Link>{carriedInto.archivedAt ? "; this plan is archived." : "; this plan is archived once that one is approved."}</p>
          <details>
            <summary>Closing summary: {carriedInto.closed.length} completed, met or dropped</summary>
            {carriedInto.closed.length ? (
              <ul>
                {carriedInto.closed.map((c, i) => (
                  <li key={c.id ?? i}>{c.text} <span className="cell-secondary">({c.type === "target" ? (c.outcome ?? "met") : (c.status ?? "").replace("_", " ")})</span></li>
                ))}
              </ul>
            ) : <p className="cell-secondary">Nothing was finished in this plan.</p>}
          </details>
        </>
      ) : null}
      {abilities.recordReview ? <ReviewButton documentId={doc.id} /> : null}
      {abilities.rollForward && !carriedInto ? (
        open ? <RollForwardDialog doc={doc} onClose={() => setOpen(false)} /> : (
          <button type="button" className="button" onClick={() => setOpen(true)}>Roll forward</button>
        )
      ) : null}
    </section>
  );
}
