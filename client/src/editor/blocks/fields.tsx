/** The form controls inside block node views: labelled, keyboard-reachable, disabled when read-only. */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { RAG_LABELS, RAGS, type Rag } from "../../../../shared/enumValues.js";
import { usePlan } from "../PlanContext.js";
import { OwnerPicker } from "./OwnerPicker.js";

/** A labelled cell of a block's field grid. */
export function Field({ label, htmlFor, children, wide }: { label: string; htmlFor?: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "pe-field pe-field-wide" : "pe-field"}>
      {htmlFor ? <label htmlFor={htmlFor}>{label}</label> : <span className="pe-field-label">{label}</span>}
      {children}
    </div>
  );
}

/**
 * Free text kept as a local draft while typing and written to the block after a pause, on Enter
 * or on leaving the field. Writing on every keystroke would re-render the node view mid-word and
 * let a collaborator's update yank the caret.
 */
export function TextField(props: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  disabled: boolean;
  placeholder?: string;
  multiline?: boolean;
  wide?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(props);
  latest.current = props;
  const pending = useRef<string | null>(null);

  const commit = () => {
    clearTimeout(timer.current);
    const value = pending.current;
    pending.current = null;
    if (value !== null && value !== latest.current.value) latest.current.onCommit(value);
  };
  // Someone else's change shows at once, unless this person is typing in the field.
  useEffect(() => {
    if (!focused.current) setDraft(props.value);
  }, [props.value]);
  useEffect(() => commit, []);

  const common = {
    id,
    value: draft,
    disabled: props.disabled,
    placeholder: props.placeholder,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      commit();
    },
    onChange: (e: { target: { value: string } }) => {
      setDraft(e.target.value);
      pending.current = e.target.value;
      clearTimeout(timer.current);
      timer.current = setTimeout(commit, 500);
    },
  };
  return (
    <Field label={props.label} htmlFor={id} wide={props.wide}>
      {props.multiline ? (
        <textarea {...common} rows={2} />
      ) : (
        <input type="text" {...common} onKeyDown={(e) => e.key === "Enter" && commit()} />
      )}
    </Field>
  );
}

/** A date picker; an emptied date clears the attribute. */
export function DateField({ label, value, onCommit, disabled }: { label: string; value: string | null; onCommit: (v: string | null) => void; disabled: boolean }) {
  const id = useId();
  return (
    <Field label={label} htmlFor={id}>
      <input id={id} type="date" value={value ?? ""} disabled={disabled} onChange={(e) => onCommit(e.target.value || null)} />
    </Field>
  );
}

/** A select over fixed options; `empty` adds a "not chosen" option mapped to null. */
export function SelectField<V extends string>(props: {
  label: string;
  value: V | null;
  options: readonly { value: V; label: string }[];
  onChange: (value: V | null) => void;
  disabled: boolean;
  empty?: string;
  wide?: boolean;
}) {
  const id = useId();
  const known = props.value === null || props.options.some((o) => o.value === props.value);
  return (
    <Field label={props.label} htmlFor={id} wide={props.wide}>
      <select id={id} value={props.value ?? ""} disabled={props.disabled} onChange={(e) => props.onChange((e.target.value || null) as V | null)}>
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {!known && <option value={props.value!}>{props.value} (not recognised)</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** RAG as a colour chip with its word: colour alone fails colour-blind readers. */
export function RagBadge({ rag }: { rag: Rag }) {
  return (
    <span className={`pe-rag pe-rag-${rag}`} data-rag={rag}>
      <span className="pe-rag-dot" aria-hidden="true" />
      {RAG_LABELS[rag]}
    </span>
  );
}

const RAG_OPTIONS = RAGS.map((r) => ({ value: r, label: RAG_LABELS[r] }));

/** Picks the RAG rating; `none` is "Not rated", `blue` is "Complete". */
export function RagField({ value, onChange, disabled }: { value: Rag; onChange: (v: Rag) => void; disabled: boolean }) {
  return <SelectField label="RAG" value={value} options={RAG_OPTIONS} onChange={(v) => onChange(v ?? "none")} disabled={disabled} />;
}

/** Owners from the school's people: chips with a remove button, and a combobox to add one more. */
export function OwnersField({ value, onChange, disabled }: { value: readonly string[]; onChange: (v: string[]) => void; disabled: boolean }) {
  const { people, peopleById } = usePlan();
  const id = useId();
  const available = people.filter((p) => !value.includes(p.id));
  return (
    <Field label="Owners" htmlFor={id} wide>
      <div className="pe-owners">
        {value.length === 0 && <span className="pe-muted">No owner yet</span>}
        {value.map((ownerId) => {
          const name = peopleById.get(ownerId)?.name ?? "Someone no longer at the school";
          return (
            <span key={ownerId} className="pe-owner" data-owner={ownerId}>
              {name}
              {!disabled && (
                <button type="button" aria-label={`Remove ${name} as owner`} onClick={() => onChange(value.filter((v) => v !== ownerId))}>
                  ×
                </button>
              )}
            </span>
          );
        })}
        {!disabled && <OwnerPicker id={id} people={available} onPick={(personId) => onChange([...value, personId])} />}
      </div>
    </Field>
  );
}
