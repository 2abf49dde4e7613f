/**
 * "Turn into action": which plan, which of its targets the action serves (none unless chosen),
 * who owns it and when it is due, and its words, drafted from the finding as something to do.
 * The server adds the action to the live plan.
 */
import { useEffect, useId, useMemo, useState } from "react";
import { createPortal } from "react-dom";
import { actionFromFinding } from "../../../../shared/blocks/findingAction.js";
import type { TrellisDocument } from "../../api/types.js";
import { FormFooter } from "../../components/FormFooter.js";
import { ModalForm } from "../../components/ModalForm.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import type { MentionablePerson } from "../comments/commentsApi.js";
import { kindLabel, statusLabel } from "../documents/labels.js";
import { listPlanTargets, type TurnIntoActionInput } from "./findingsApi.js";

const PLAN_ORDER: Record<string, number> = { single_plan: 0, adp: 1, action_plan: 2 };
// Owners are usually the people who run things; governors and viewers come last.
const ROLE_ORDER: Record<string, number> = { school_leader: 0, improvement_champion: 1, governor: 2, viewer: 3 };

/** The dialog; `onSubmit` rejects with the server's message, which the dialog shows. */
export function TurnIntoActionDialog(props: {
  findingText: string;
  findingKind: "strength" | "development";
  plans: TrellisDocument[];
  people: readonly MentionablePerson[];
  onSubmit(input: TurnIntoActionInput): Promise<void>;
  onClose(): void;
}) {
  const id = useId();
  const plans = useMemo(() => [...props.plans].sort((a, b) => (PLAN_ORDER[a.kind] ?? 9) - (PLAN_ORDER[b.kind] ?? 9) || b.updatedAt.localeCompare(a.updatedAt)), [props.plans]);
  const people = useMemo(
    () => [...props.people].sort((a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.name.localeCompare(b.name)),
    [props.people],
  );
  const [planId, setPlanId] = useState(plans[0]?.id ?? "");
  const [owners, setOwners] = useState<string[]>([]);
  const [due, setDue] = useState("");
  const [text, setText] = useState(() => actionFromFinding(props.findingText, props.findingKind) || props.findingText);
  // The target it serves is a choice, never the nearest one: "" is none.
  const [targetId, setTargetId] = useState("");
  const [targets, setTargets] = useState<{ id: string; text: string }[] | null>(null);
  useEffect(() => {
    if (!planId) return;
    const abort = new AbortController();
    setTargets(null);
    setTargetId("");
    listPlanTargets(planId, abort.signal).then(setTargets, () => !abort.signal.aborted && setTargets([]));
    return () => abort.abort();
  }, [planId]);
  const { busy, error, setError, run } = useFormSubmit();

  function submit() {
    if (!planId) return setError("Choose the plan the action goes into.");
    if (!owners.length) return setError("Choose who owns the action.");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return setError("Give the date the action is due.");
    if (!text.trim()) return setError("Say what will be done.");
    void run(() => props.onSubmit({ planId, owners, due, text: text.trim() === props.findingText.trim() ? undefined : text.trim(), targetId: targetId || null }));
  }

  // In document.body, not inside the editor: keys typed here must never reach the document's text.
  return createPortal(
    <ModalForm title="Turn this finding into an action" onClose={props.onClose} onSubmit={submit}>
      {(close) => (
        <>
          <div className="field">
            <label htmlFor={`${id}-plan`}>Plan</label>
            <select id={`${id}-plan`} value={planId} onChange={(e) => setPlanId(e.target.value)}>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} ({kindLabel(p.kind)}, {statusLabel(p.status).toLowerCase()})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-target`}>Target it serves</label>
            <select id={`${id}-target`} value={targetId} onChange={(e) => setTargetId(e.target.value)} disabled={targets === null} aria-describedby={`${id}-target-hint`}>
              <option value="">None</option>
              {(targets ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.text || "Untitled target"}
                </option>
              ))}
            </select>
            <p id={`${id}-target-hint`} className="hint">
              {targets === null ? "Reading the plan's targets…" : targets.length ? "Only if this action moves one of the plan's targets." : "This plan has no targets yet."}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-text`}>What will be done</label>
            <textarea id={`${id}-text`} rows={3} value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-text-hint`} />
            <p id={`${id}-text-hint`} className="hint">
              Drafted from the finding: “{props.findingText.trim()}”. Make it say what will be done.
            </p>
          </div>
          <fieldset className="field">
            <legend>Owner</legend>
            <div className="gv-owner-list">
              {people.map((p) => (
                <label key={p.id} className="choice">
                  <input
                    type="checkbox"
                    checked={owners.includes(p.id)}
                    onChange={(e) => setOwners((list) => (e.target.checked ? [...list, p.id] : list.filter((o) => o !== p.id)))}
                  />
                  {p.name} <span className="cell-secondary gv-inline">{p.roleLabel}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-due`}>Due</label>
            <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} required />
          </div>
          <FormFooter error={error} busy={busy} submitLabel="Add the action to the plan" busyLabel="Adding to the plan…" onCancel={close} />
        </>
      )}
    </ModalForm>,
    document.body,
  );
}
