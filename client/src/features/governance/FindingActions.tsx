/**
 * Inside a peer review's finding block: the actions made from it with their current RAG, and
 * "Turn into action" for people who may change one of the school's plans.
 */
import { useRef, useState } from "react";
import { Link } from "react-router";
import { ACTION_STATUS_LABELS, type ActionStatus } from "../../../../shared/enumValues.js";
import { formatDay } from "../../components/dates.js";
import { RagChip } from "../../components/RagChip.js";
import { useDocumentGovernance } from "./DocumentGovernance.js";
import { useFindings } from "./FindingsContext.js";
import { TurnIntoActionDialog } from "./TurnIntoActionDialog.js";
import "./governance.css";

/** Rendered by the finding node view; nothing outside a peer review page. */
export function FindingActions({ findingId, findingText, findingKind }: { findingId: string | null; findingText: string; findingKind: "strength" | "development" }) {
  const findings = useFindings();
  const gov = useDocumentGovernance();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  if (!findings || !gov || !findingId) return null;

  const actions = findings.findings?.find((f) => f.id === findingId)?.actions ?? [];
  const canTurn = (findings.plans?.length ?? 0) > 0;
  if (!actions.length && !canTurn) return null;

  return (
    <div className="gv-finding" contentEditable={false} data-finding-actions={findingId}>
      {actions.length > 0 ? (
        <ul className="gv-linked-actions" aria-label="Actions from this finding">
          {actions.map((a) => (
            <li key={a.id} data-action-id={a.id}>
              <RagChip rag={a.rag} />
              <Link to={a.link}>{a.text || "An action with no text yet"}</Link>
              <span className="cell-secondary gv-inline">
                {ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status}
                {a.due ? ` · due ${formatDay(a.due)}` : ""}
                {a.owners.length ? ` · ${a.owners.map((o) => o.name).join(", ")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canTurn ? (
        <button ref={button} type="button" className="button button-secondary button-small" onClick={() => { setMessage(null); setOpen(true); }}>
          Turn into action
        </button>
      ) : null}
      {message ? (
        <span className="gv-finding-message" role="status">
          {message}
        </span>
      ) : null}
      {open ? (
        <TurnIntoActionDialog
          findingText={findingText}
          findingKind={findingKind}
          plans={findings.plans ?? []}
          people={gov.people}
          onSubmit={async (input) => {
            await findings.turnIntoAction(findingId, input);
            const plan = findings.plans?.find((p) => p.id === input.planId);
            setOpen(false);
            setMessage(`Action added to ${plan?.title ?? "the plan"}.`);
          }}
          onClose={() => {
            setOpen(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
        />
      ) : null}
    </div>
  );
}
