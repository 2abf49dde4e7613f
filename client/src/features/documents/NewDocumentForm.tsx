/** "New document": any kind, with the fields that kind needs (a term for a Single Plan, a framework for a SEF). */
import { useId, useState, type FormEvent } from "react";
import { academicYearOf, DOCUMENT_KINDS, TERMS, type DocumentKind, type Term } from "../../../../shared/enumValues.js";
import { DEFAULT_FRAMEWORK, FRAMEWORK_KEYS, FRAMEWORKS, type FrameworkKey } from "../../../../shared/frameworks/index.js";
import { messageOf } from "../../api/client.js";
import type { TrellisDocument } from "../../api/types.js";
import { createDocument } from "./documentsApi.js";
import { kindLabel, TERM_LABELS } from "./labels.js";
import { FormFooter } from "../../components/FormFooter.js";

/** Kinds that run for a term; a Single Plan must have one, the others may. */
const TERMLY: ReadonlySet<DocumentKind> = new Set(["single_plan", "peer_review", "action_plan"]);

/** Last year, this year and next: the years a school plans in. */
function yearChoices(today = new Date()): string[] {
  const current = academicYearOf(today);
  const start = Number(current.slice(0, 4));
  return [start - 1, start, start + 1].map((y) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`);
}

/** The term we are in now, as a sensible default for a new Single Plan. */
function currentTerm(today = new Date()): Term {
  const month = today.getMonth();
  return month >= 8 ? "autumn" : month <= 2 ? "spring" : "summer";
}

function suggestedTitle(kind: DocumentKind, year: string, term: Term | "") {
  return term && TERMLY.has(kind) ? `${kindLabel(kind)}, ${TERM_LABELS[term]} ${year}` : `${kindLabel(kind)} ${year}`;
}

export function NewDocumentForm({
  schoolId,
  schoolName,
  onCreated,
  onCancel,
}: {
  schoolId: string;
  schoolName: string;
  onCreated: (doc: TrellisDocument) => void;
  onCancel: () => void;
}) {
  const years = yearChoices();
  const [kind, setKind] = useState<DocumentKind>("single_plan");
  const [academicYear, setAcademicYear] = useState(years[1]!);
  const [term, setTerm] = useState<Term | "">(currentTerm());
  const [framework, setFramework] = useState<FrameworkKey>(DEFAULT_FRAMEWORK);
  const [title, setTitle] = useState("");
  const [titleEdited, setTitleEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { kind: useId(), title: useId(), year: useId(), term: useId(), termHint: useId(), framework: useId() };

  const termly = TERMLY.has(kind);
  const termRequired = kind === "single_plan";
  const effectiveTerm = termly ? term : "";
  const shownTitle = titleEdited ? title : suggestedTitle(kind, academicYear, effectiveTerm);

  function changeKind(next: DocumentKind) {
    setKind(next);
    // A Single Plan cannot be "not termly": bring back a term if it was cleared for another kind.
    if (next === "single_plan" && !term) setTerm(currentTerm());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (termRequired && !effectiveTerm) {
      setError("A Single Plan is termly: choose its term.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const doc = await createDocument({
        schoolId,
        kind,
        title: shownTitle.trim(),
        academicYear,
        term: effectiveTerm || null,
        framework,
      });
      onCreated(doc);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form className="form panel" onSubmit={handleSubmit} aria-label={`New document for ${schoolName}`}>
      <div className="field">
        <label htmlFor={ids.kind}>Kind of document</label>
        <select id={ids.kind} autoFocus value={kind} onChange={(e) => changeKind(e.target.value as DocumentKind)}>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.year}>Academic year</label>
          <select id={ids.year} value={academicYear} onChange={(e) => setAcademicYear(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
                {y === years[1] ? " (this year)" : ""}
              </option>
            ))}
          </select>
        </div>
        {termly ? (
          <div className="field">
            <label htmlFor={ids.term}>Term</label>
            <select
              id={ids.term}
              value={term}
              required={termRequired}
              aria-describedby={ids.termHint}
              onChange={(e) => setTerm(e.target.value as Term | "")}
            >
              {termRequired ? null : <option value="">Not for one term</option>}
              {TERMS.map((t) => (
                <option key={t} value={t}>
                  {TERM_LABELS[t]}
                </option>
              ))}
            </select>
            <p className="hint" id={ids.termHint}>
              {termRequired ? "Required: a Single Plan covers one term." : "Optional."}
            </p>
          </div>
        ) : null}
      </div>
      <fieldset className="field">
        <legend>Evaluation framework</legend>
        <p className="hint">
          {kind === "sef" ? "The areas and grades this SEF judges against." : "The areas its priorities are grouped by."}
        </p>
        {FRAMEWORK_KEYS.map((key) => (
          <label key={key} className="choice">
            <input type="radio" name={ids.framework} value={key} checked={framework === key} onChange={() => setFramework(key)} />
            {FRAMEWORKS[key].label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.title}>Title</label>
        <input
          id={ids.title}
          type="text"
          required
          maxLength={200}
          value={shownTitle}
          onChange={(e) => {
            setTitle(e.target.value);
            setTitleEdited(true);
          }}
        />
      </div>
      <FormFooter error={error} busy={busy} submitLabel="Create document" busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
