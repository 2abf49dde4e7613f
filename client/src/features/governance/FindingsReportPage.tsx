/** `/documents/:id/report`: a peer review's findings, each with the actions made from it and their status. */
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { ACTION_STATUS_LABELS, type ActionStatus } from "../../../../shared/enumValues.js";
import { areaLabel, isFrameworkKey } from "../../../../shared/frameworks/index.js";
import { useResource } from "../../api/useResource.js";
import { Breadcrumb } from "../../components/Breadcrumb.js";
import { formatDay } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ResourceView } from "../../components/ResourceView.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { RagChip } from "../../components/RagChip.js";
import { getDocument } from "../documents/documentsApi.js";
import { listFindings } from "./findingsApi.js";
import "./governance.css";

const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** The findings report page of one peer review. */
export function FindingsReportPage() {
  const { id = "" } = useParams();
  const report = useResource(async (signal) => {
    const [detail, findings] = await Promise.all([getDocument(id, signal), listFindings(id, signal)]);
    return { ...detail, findings };
  }, [id]);
  const title = report.status === "ready" ? `Findings report: ${report.data.document.title}` : "Findings report";
  usePageTitle(title);

  // RAG changes happen in the plans: read again when the person comes back to this tab.
  const { reload } = report;
  useEffect(() => {
    window.addEventListener("focus", reload);
    return () => window.removeEventListener("focus", reload);
  }, [reload]);

  const doc = report.status === "ready" ? report.data.document : null;
  return (
    <div className="page">
      <Breadcrumb
        trail={doc ? [{ to: `/schools/${doc.schoolId}`, label: doc.schoolName ?? "School" }, { to: `/documents/${doc.id}`, label: doc.title }] : []}
        current="Findings report"
      />
      <ResourceView resource={report} loadingLabel="Loading the findings" errorTitle="The findings report could not be loaded">
        {({ document: review, findings }) => {
          const framework = isFrameworkKey(review.framework) ? review.framework : null;
          const actions = findings.flatMap((f) => f.actions);
          const development = findings.filter((f) => f.kind === "development");
          const withoutAction = development.filter((f) => f.actions.length === 0).length;
          const overdue = actions.filter((a) => a.due && a.due < today() && a.status !== "complete").length;
          return (
            <>
              <header className="page-header">
                <h1>Findings report</h1>
                <p className="lead">
                  <Link to={`/documents/${review.id}`}>{review.title}</Link>
                  {review.schoolName ? ` · ${review.schoolName}` : ""}
                </p>
              </header>
              <dl className="facts facts-inline gv-report-facts">
                <div>
                  <dt>Findings</dt>
                  <dd>{findings.length}</dd>
                </div>
                <div>
                  <dt>Areas for development without an action</dt>
                  <dd>{withoutAction}</dd>
                </div>
                <div>
                  <dt>Actions</dt>
                  <dd>{actions.length}</dd>
                </div>
                <div>
                  <dt>Complete</dt>
                  <dd>{actions.filter((a) => a.status === "complete").length}</dd>
                </div>
                <div>
                  <dt>Red</dt>
                  <dd>{actions.filter((a) => a.rag === "red").length}</dd>
                </div>
                <div>
                  <dt>Overdue</dt>
                  <dd>{overdue}</dd>
                </div>
              </dl>
              {findings.length === 0 ? (
                <EmptyState title="No findings recorded yet">
                  <p>Findings written in the peer review appear here with the actions made from them.</p>
                </EmptyState>
              ) : (
                <ol className="gv-report">
                  {findings.map((f) => (
                    <li key={f.id} className="card gv-report-finding" data-finding-id={f.id}>
                      <p className="gv-report-head">
                        <span className={`badge ${f.kind === "strength" ? "gv-kind-strength" : "gv-kind-development"}`}>
                          {f.kind === "strength" ? "Strength" : "Area for development"}
                        </span>
                        {f.area ? <span className="badge badge-muted">{areaLabel(framework, f.area)}</span> : null}
                      </p>
                      <p className="gv-report-text">
                        <Link to={`/documents/${review.id}#block-${f.id}`}>{f.text || "A finding with no text yet"}</Link>
                      </p>
                      {f.actions.length === 0 ? (
                        <p className="hint">{f.kind === "development" ? "No action yet." : "No action: a strength to keep."}</p>
                      ) : (
                        <table className="table gv-report-actions">
                          <caption className="visually-hidden">Actions from this finding</caption>
                          <thead>
                            <tr>
                              <th scope="col">Action</th>
                              <th scope="col">RAG</th>
                              <th scope="col">Status</th>
                              <th scope="col">Due</th>
                              <th scope="col">Owners</th>
                            </tr>
                          </thead>
                          <tbody>
                            {f.actions.map((a) => {
                              const late = a.due !== null && a.due < today() && a.status !== "complete";
                              return (
                                <tr key={a.id} data-action-id={a.id}>
                                  <td>
                                    <Link to={a.link}>{a.text || "An action with no text yet"}</Link>
                                  </td>
                                  <td>
                                    <RagChip rag={a.rag} />
                                  </td>
                                  <td>{ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status}</td>
                                  <td>
                                    {a.due ? formatDay(a.due) : "No date"}
                                    {late ? <span className="badge gv-overdue">Overdue</span> : null}
                                  </td>
                                  <td>{a.owners.map((o) => o.name).join(", ") || "Nobody yet"}</td>
                                </tr>
                              );
                            })}
                          </tbody>
                        </table>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </>
          );
        }}
      </ResourceView>
    </div>
  );
}
