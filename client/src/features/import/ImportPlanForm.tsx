/**
 * "Import from Word": choose a .docx and the new document's details, see a preview of the blocks
 * with every warning beside the block it concerns, then create the document or cancel.
 */
import { useId, useRef, useState, type FormEvent } from "react";
import { academicYearOf, DOCUMENT_KINDS, TERMS, type DocumentKind, type Term } from "../../../../shared/enumValues.js";
import { DEFAULT_FRAMEWORK, FRAMEWORK_KEYS, FRAMEWORKS, type FrameworkKey } from "../../../../shared/frameworks/index.js";
import type { ImportResult } from "../../../../shared/importPreview.js";
import { messageOf } from "../../api/client.js";
import { kindLabel, TERM_LABELS } from "../documents/labels.js";
import { confirmImport, previewImport, type ImportFields } from "./importApi.js";
import { ImportPreview } from "./ImportPreview.js";
import "./import.css";

const MAX_BYTES = 20 * 1024 * 1024;

function yearChoices(today = new Date()): string[] {
  const start = Number(academicYearOf(today).slice(0, 4));
  return [start - 1, start, start + 1].map((y) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`);
}

export function ImportPlanForm({ schoolId, schoolName, onCreated, onCancel }: {
  schoolId: string;
  schoolName: string;
  onCreated: (id: string) => void;
  onCancel: () => void;
}) {
  const years = yearChoices();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind>("adp");
  const [academicYear, setAcademicYear] = useState(years[1]!);
  const [term, setTerm] = useState<Term | "">("");
  const [framework, setFramework] = useState<FrameworkKey>(DEFAULT_FRAMEWORK);
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState<"preview" | "create" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ result: ImportResult; fields: ImportFields; file: File } | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const ids = { file: useId(), fileHint: useId(), kind: useId(), year: useId(), term: useId(), title: useId() };

  const fields = (): ImportFields => ({ schoolId, kind, title: title.trim() || (file?.name.replace(/\.docx$/i, "") ?? ""), academicYear, term: term || null, framework });

  async function handlePreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setError("Choose a Word (.docx) file to import.");
    if (!/\.docx$/i.test(file.name)) return setError("Choose a Word document saved as .docx (in Word: File, Save As, Word Document).");
    if (file.size > MAX_BYTES) return setError("The file is larger than 20 MB. Remove large images from the plan, or split it, and try again.");
    if (kind === "single_plan" && !term) return setError("A Single Plan is termly: choose its term.");
    setBusy("preview");
    setError(null);
    try {
      const f = fields();
      setPreview({ result: await previewImport(file, f), fields: f, file });
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function handleConfirm() {
    if (!preview) return;
    setBusy("create");
    setError(null);
    try {
      onCreated((await confirmImport(preview.file, preview.fields)).id);
    } catch (err) {
      setError(messageOf(err));
      setBusy(null);
    }
  }

  if (preview) {
    return (
      <div className="panel import-panel">
        <h3 ref={previewHeading} tabIndex={-1} className="import-title">
          Import “{preview.fields.title}” into {schoolName}
        </h3>
        <ImportPreview result={preview.result} />
        {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
        <div className="actions">
          <button type="button" className="button button-primary" onClick={handleConfirm} disabled={busy !== null}>
            {busy === "create" ? "Creating…" : "Confirm and create document"}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setPreview(null)} disabled={busy !== null}>
            Back
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy !== null}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form panel import-panel" onSubmit={handlePreview} aria-label={`Import a Word plan for ${schoolName}`}>
      <div className="field">
        <label htmlFor={ids.file}>Word plan (.docx)</label>
        <input
          id={ids.file}
          type="file"
          autoFocus
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby={ids.fileHint}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <p className="hint" id={ids.fileHint}>
          Up to 20 MB. Headings, prose and lists come across as they are; tables with an Action or Target column become actions and targets.
        </p>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.kind}>Kind of document</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
            {DOCUMENT_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.year}>Academic year</label>
          <select id={ids.year} value={academicYear} onChange={(e) => setAcademicYear(e.target.value)}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.term}>Term</label>
          <select id={ids.term} value={term} onChange={(e) => setTerm(e.target.value as Term | "")}>
            <option value="">Not for one term</option>
            {TERMS.map((t) => <option key={t} value={t}>{TERM_LABELS[t]}</option>)}
          </select>
        </div>
      </div>
      <fieldset className="field">
        <legend>Evaluation framework</legend>
        {FRAMEWORK_KEYS.map((key) => (
          <label key={key} className="choice">
            <input type="radio" name="import-framework" value={key} checked={framework === key} onChange={() => setFramework(key)} />
            {FRAMEWORKS[key].label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.title}>Title</label>
        <input id={ids.title} type="text" maxLength={200} value={title} placeholder={file?.name.replace(/\.docx$/i, "") ?? "The file's name"} onChange={(e) => setTitle(e.target.value)} />
      </div>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {busy === "preview" ? <p role="status" className="hint">Reading the plan…</p> : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy !== null}>
          {busy === "preview" ? "Reading…" : "Preview import"}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy !== null}>
          Cancel
        </button>
      </div>
    </form>
  );
}
