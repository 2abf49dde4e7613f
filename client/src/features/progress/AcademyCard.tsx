/** The academy card on `/schools/:id`: targets from baseline to goal, RAG chips, RAG over time, and action counts. */
import { Link } from "react-router";
import { ACTION_STATUS_LABELS, ACTION_STATUSES, RAG_LABELS, RAGS } from "../../../../shared/enumValues.js";
import { useResource } from "../../api/useResource.js";
import { formatDay } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ResourceView } from "../../components/ResourceView.js";
import { RagChip } from "../../components/RagChip.js";
import { getAcademyCard, type AcademyCard as Card, type CardTarget } from "./progressApi.js";
import { usePolling } from "./usePolling.js";
import { useProgressEvents } from "./useProgressEvents.js";
import { ReviewTrend } from "../reviews/ReviewTrend.js";
import "./progress.css";


/** Baseline → current → goal: a bar when all three are numbers, else the three values as text. */
function TargetProgress({ target }: { target: CardTarget }) {
  const values = (
    <div className="pg-progress-values">
      <span>Baseline {target.baseline || "–"}</span>
      <strong>Now {target.current || "–"}</strong>
      <span>Goal {target.goal || "–"}</span>
    </div>
  );
  if (target.progress === null) return values;
  const pct = Math.round(Math.min(1, Math.max(0, target.progress)) * 100);
  return (
    <div>
      <div
        className="pg-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% of the way from ${target.baseline} to ${target.goal} (now ${target.current})`}
        aria-label={target.text}
      >
        <div className="pg-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {values}
    </div>
  );
}

function CardBody({ card }: { card: Card }) {
  const { actions } = card;
  return (
    <>
      <div className="pg-counts">
        <div>
          <h3 className="subheading">Actions by RAG ({actions.total})</h3>
          <ul>
            {RAGS.map((r) => (
              <li key={r} data-rag={r}>
                <RagChip rag={r} />{" "}
                <Link to={`/actions?schoolId=${card.school.id}&rag=${r}`} aria-label={`${actions.byRag[r]} ${RAG_LABELS[r].toLowerCase()} actions`}>
                  {actions.byRag[r]}
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="subheading">Actions by status</h3>
          <ul>
            {ACTION_STATUSES.map((s) => (
              <li key={s}>
                {ACTION_STATUS_LABELS[s]}:{" "}
                <Link to={`/actions?schoolId=${card.school.id}&status=${s}`}>
                  <strong>{actions.byStatus[s]}</strong>
                </Link>
              </li>
            ))}
            <li>
              Overdue:{" "}
              <Link to={`/actions?schoolId=${card.school.id}&overdue=true`}>
                <strong>{actions.overdue}</strong>
              </Link>
            </li>
          </ul>
        </div>
      </div>
      <p>
        <Link to={`/actions?schoolId=${card.school.id}`}>See these actions in the tracker</Link>
      </p>

      <h3 className="subheading">Targets</h3>
      {card.targets.length === 0 ? (
        <EmptyState title="No targets yet">
          <p>Targets written in this school's plans appear here.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">RAG</th>
                <th scope="col">Baseline → current → goal</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {card.targets.map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    <Link to={`/documents/${t.document.id}#block-${t.id}`}>{t.text || "Untitled target"}</Link>
                    <div className="cell-secondary">
                      {t.areaLabel ?? ""}
                      {t.measure ? ` · ${t.measure}` : ""}
                    </div>
                  </th>
                  <td>
                    <RagChip rag={t.rag} />
                  </td>
                  <td>
                    <TargetProgress target={t} />
                  </td>
                  <td>{t.due ? formatDay(t.due) : <span className="cell-secondary">None</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 className="subheading">Targets by RAG at each review</h3>
      <ReviewTrend schoolId={card.school.id} />
    </>
  );
}

/** Mounted on the school page; loads GET /api/schools/:id/card and refreshes like the dashboard. */
export function AcademyCard({ schoolId }: { schoolId: string }) {
  const card = useResource((signal) => getAcademyCard(schoolId, signal), [schoolId]);
  usePolling(card.reload, 120_000);
  useProgressEvents(card.reload, schoolId);
  return (
    <section className="card section" aria-labelledby="academy-card-heading">
      <div className="card-header">
        <h2 id="academy-card-heading">Academy card</h2>
      </div>
      <ResourceView resource={card} loadingLabel="Loading the academy card" errorTitle="The academy card could not be loaded">
        {(data) => <CardBody card={data} />}
      </ResourceView>
    </section>
  );
}
