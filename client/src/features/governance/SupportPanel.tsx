/**
 * The school page's support panel: what the school's tier brings (CEO 1:1 and health-check
 * cadence), when each check-in was last held and is next due, with overdue ones marked, and the
 * history. Trust leads record check-ins here; trust admins find the tier scheme's cadence.
 */
import { useRef, useState } from "react";
import { Link } from "react-router";
import { useResource } from "../../api/useResource.js";
import { formatDay } from "../../components/dates.js";
import { ResourceView } from "../../components/ResourceView.js";
import { StatusMessage } from "../../components/StatusMessage.js";
import { useMe } from "../../session/SessionContext.js";
import { todayIso } from "./ApproveDialog.js";
import { RecordCheckinForm } from "./RecordCheckinForm.js";
import { CHECKIN_LABELS, getSupport } from "./supportApi.js";
import "./governance.css";

const day = formatDay;

/** The support card of the school page. */
export function SupportPanel({ schoolId }: { schoolId: string }) {
  const me = useMe();
  const support = useResource((signal) => getSupport(schoolId, signal), [schoolId]);
  const [recording, setRecording] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);

  return (
    <section className="card gv-support" aria-labelledby="support-heading">
      <div className="card-header">
        <h2 id="support-heading">Support from the trust</h2>
        {support.status === "ready" && support.data.abilities.recordCheckin && !recording ? (
          <button
            ref={openButton}
            type="button"
            className="button button-secondary"
            onClick={() => {
              setMessage(null);
              setRecording(true);
            }}
          >
            Record a check-in
          </button>
        ) : null}
      </div>
      <ResourceView resource={support} loadingLabel="Loading the school's support" errorTitle="The support plan could not be loaded">
        {({ tier, cadence, next, checkins }) => (
          <>
            {tier && cadence ? (
              <>
                <p className="gv-support-lead">
                  As a <strong>Tier {tier.level} · {tier.name}</strong> school it has:
                </p>
                <ul className="gv-cadence">
                  <li>
                    a <strong>CEO 1:1</strong> with the headteacher <strong>{cadence.ceoOneToOne}</strong>
                  </li>
                  <li>
                    a <strong>health check</strong> <strong>{cadence.healthCheck}</strong>
                  </li>
                </ul>
              </>
            ) : (
              <p>This school has no tier yet, so no support cadence applies.</p>
            )}
            {next.length > 0 ? (
              <div className="table-wrap">
                <table className="table gv-next">
                  <caption className="visually-hidden">Next check-ins</caption>
                  <thead>
                    <tr>
                      <th scope="col">Check-in</th>
                      <th scope="col">Last held</th>
                      <th scope="col">Next due</th>
                    </tr>
                  </thead>
                  <tbody>
                    {next.map((n) => (
                      <tr key={n.kind} data-kind={n.kind} data-overdue={n.overdue}>
                        <th scope="row">{CHECKIN_LABELS[n.kind] ?? n.kind}</th>
                        <td>{n.last ? day(n.last) : "None recorded"}</td>
                        <td>
                          {n.overdue ? (
                            <>
                              <span className="badge gv-overdue">Overdue</span> <span className="gv-overdue-text">was due {day(n.due)}</span>
                            </>
                          ) : n.due === todayIso() ? (
                            <strong>Due today</strong>
                          ) : (
                            day(n.due)
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {recording ? (
              <RecordCheckinForm
                schoolId={schoolId}
                onCancel={() => {
                  setRecording(false);
                  requestAnimationFrame(() => openButton.current?.focus());
                }}
                onDone={(kind, heldOn) => {
                  setRecording(false);
                  setMessage(`${CHECKIN_LABELS[kind]} on ${day(heldOn)} recorded.`);
                  support.reload();
                  requestAnimationFrame(() => openButton.current?.focus());
                }}
              />
            ) : null}
            <StatusMessage message={message} />
            <h3 className="subheading">Check-in history</h3>
            {checkins.length === 0 ? (
              <p className="hint">No check-ins recorded yet.</p>
            ) : (
              <ol className="history gv-checkins">
                {checkins.map((c) => (
                  <li key={c.id} className="history-item">
                    <div className="history-head">
                      <strong>{CHECKIN_LABELS[c.kind] ?? c.kind}</strong>
                      <time className="history-when" dateTime={c.heldOn}>
                        {day(c.heldOn)}
                      </time>
                    </div>
                    {c.notes ? <p className="history-reason">{c.notes}</p> : null}
                    {c.recordedBy ? <p className="history-by">Recorded by {c.recordedBy}</p> : null}
                  </li>
                ))}
              </ol>
            )}
            {me.abilities.editTierScheme ? (
              <p className="gv-scheme-link">
                <Link to="/tiers">Change what each tier brings (the trust's tier scheme)</Link>
              </p>
            ) : null}
          </>
        )}
      </ResourceView>
    </section>
  );
}
