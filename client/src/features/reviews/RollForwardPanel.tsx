/**
 * On a plan's page: where it was carried from or into (with the old plan's closing summary), a
 * "Roll forward" dialog that starts next term's plan in one step, and the plan's half-termly reviews.
 */
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, messageOf } from "../../api/client.js";
import { useResource } from "../../api/useResource.js";
import { nextAcademicYear } from "../../../../shared/calendar/index.js";
import { TERMS, type Term } from "../../../../shared/enumValues.js";
import { ReviewWalk } from "./ReviewWalk.js";

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

/** Shown on plans (Single Plans, ADPs, action plans) only. */
export function RollForwardPanel({ doc }: { doc: { id: string; schoolId: string; kind: string; term: string | null; academicYear: string } }) {
  const info = useResource((signal) => api.get<RollForwardInfo>(`/documents/${doc.id}/roll-forward`, { signal }), [doc.id]);
  const [open, setOpen] = useState(false);
  if (!PLAN_KINDS.has(doc.kind) || info.status !== "ready") return null;
  const { carriedFrom, carriedInto, abilities } = info.data;
  // Everyone who reads the plan reads its reviews; only its leaders record them.
  const reviewWalk = <ReviewWalk doc={doc} canRecord={abilities.recordReview} />;
  if (!carriedFrom && !carriedInto && !abilities.rollForward) return reviewWalk;
  return (
    <>
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
        {abilities.rollForward && !carriedInto ? (
          open ? <RollForwardDialog doc={doc} onClose={() => setOpen(false)} /> : (
            <button type="button" className="button" onClick={() => setOpen(true)}>Roll forward</button>
          )
        ) : null}
      </section>
      {reviewWalk}
    </>
  );
}
