/** `/audit` (trust admins): the audit log, read-only: when, who, what, what it was about, and from where. */
import { useEffect, useId, useState } from "react";
import { Link } from "react-router";
import { Breadcrumb } from "../../components/Breadcrumb.js";
import { formatDateTime } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { Loading } from "../../components/Loading.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { useMe } from "../../session/SessionContext.js";
import { api, messageOf } from "../../api/client.js";
import type { School } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { listPeople } from "../people/peopleApi.js";
import { listAudit, type AuditEntry } from "./auditApi.js";
import { AUDIT_ACTIONS, describeAudit } from "./auditWords.js";
import "./governance.css";

function Subject({ entry }: { entry: AuditEntry }) {
  if (entry.document) {
    return (
      <>
        <Link to={`/documents/${entry.document.id}`}>{entry.document.title}</Link>
        {entry.school ? <span className="cell-secondary">{entry.school.name}</span> : null}
      </>
    );
  }
  if (entry.subjectType === "school" && entry.school) return <Link to={`/schools/${entry.school.id}`}>{entry.school.name}</Link>;
  if (entry.subjectType === "tier") return <Link to="/tiers">Tier {entry.subjectId}</Link>;
  if (entry.school) return <Link to={`/schools/${entry.school.id}`}>{entry.school.name}</Link>;
  if (entry.subjectType === "document") return <span className="hint">A deleted document</span>;
  if (!entry.subjectType) return <span className="hint">None</span>;
  return <span className="hint">{SUBJECT_WORDS[entry.subjectType] ?? entry.subjectType}</span>;
}

/** What a subject without a school or document is, in words (its id means nothing to a reader). */
const SUBJECT_WORDS: Record<string, string> = { comment: "A comment", invitation: "An invitation", membership: "A role", school: "A deleted school" };

/** The audit log page; people without readAudit see why it is closed to them. */
export function AuditPage() {
  const me = useMe();
  const id = useId();
  usePageTitle("Audit log");
  const [action, setAction] = useState("");
  const [actorId, setActorId] = useState("");
  const [schoolId, setSchoolId] = useState("");
  const allowedToRead = !!me.abilities.readAudit;
  // The filters' choices: everyone with a role, and every school (only asked for by those who may read the log).
  const people = useResource((signal) => (allowedToRead ? listPeople(signal) : Promise.resolve([])), [allowedToRead]);
  const schools = useResource((signal) => (allowedToRead ? api.get<{ schools: School[] }>("/schools", { signal }).then((r) => r.schools) : Promise.resolve([])), [allowedToRead]);
  // The rows, with the filters they were read for: rows read for other filters are never drawn,
  // not even for the moment between a filter change and the fetch it starts.
  const filterKey = `${action}|${actorId}|${schoolId}`;
  const [loaded, setLoaded] = useState<{ key: string; entries: AuditEntry[] }>({ key: "", entries: [] });
  const entries = loaded.key === filterKey ? loaded.entries : [];
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "more" | "error">("loading");
  const shownState = loaded.key === filterKey || state === "error" ? state : "loading";
  const [error, setError] = useState<unknown>(null);
  const allowed = !!me.abilities.readAudit;

  async function load(before: number | undefined, signal?: AbortSignal) {
    setState(before ? "more" : "loading");
    try {
      const page = await listAudit({ before, action, actorId, schoolId }, signal);
      // An answer that arrives after its filters changed is dropped (aborting cannot stop a body already read).
      if (signal?.aborted) return;
      setLoaded((list) => ({ key: filterKey, entries: before ? [...list.entries, ...page.entries] : page.entries }));
      setNextBefore(page.nextBefore);
      setState("ready");
    } catch (err) {
      if (signal?.aborted) return;
      setError(err);
      setState("error");
    }
  }

  useEffect(() => {
    if (!allowed) return;
    const controller = new AbortController();
    void load(undefined, controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action, actorId, schoolId, allowed]);

  if (!allowed) {
    return (
      <div className="page">
        <Breadcrumb current="Audit log" />
        <h1>Audit log</h1>
        <ErrorNotice error={new Error("Only trust admins can read the audit log.")} />
      </div>
    );
  }

  return (
    <div className="page">
      <Breadcrumb current="Audit log" />
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="lead">Sign-ins, refusals, tier and status changes, approvals, deletions and membership changes. Nobody can edit this record.</p>
      </header>
      <div className="toolbar">
        <label htmlFor={`${id}-action`}>Show</label>
        <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">Everything</option>
          {Object.entries(AUDIT_ACTIONS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-actor`}>By</label>
        <select id={`${id}-actor`} value={actorId} onChange={(e) => setActorId(e.target.value)}>
          <option value="">Anyone</option>
          {(people.status === "ready" ? people.data : []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-school`}>About</label>
        <select id={`${id}-school`} value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
          <option value="">Every school and the trust</option>
          {(schools.status === "ready" ? schools.data : []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {shownState === "loading" ? <Loading label="Loading the audit log" /> : null}
      {shownState === "error" && entries.length === 0 ? <ErrorNotice error={error} title="The audit log could not be loaded" onRetry={() => void load(undefined)} /> : null}
      {shownState === "ready" && entries.length === 0 ? <EmptyState title={filterKey === "||" ? "Nothing recorded yet" : "Nothing recorded matches these filters"} /> : null}
      {entries.length > 0 ? (
        <div className="table-wrap">
          <table className="table gv-audit">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">About</th>
                <th scope="col">From where</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="gv-nowrap">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>
                    {e.actor ? (
                      <>
                        {e.actor.name ?? "Former member"}
                        {e.actor.email ? <span className="cell-secondary">{e.actor.email}</span> : null}
                      </>
                    ) : (
                      <span className="hint">Nobody signed in</span>
                    )}
                  </td>
                  <td>{describeAudit(e)}</td>
                  <td>
                    <Subject entry={e} />
                  </td>
                  <td className="gv-mono gv-nowrap">{e.address ?? "Unknown"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {state === "error" && entries.length > 0 ? (
        <p className="inline-error" role="alert">
          {messageOf(error)}
        </p>
      ) : null}
      {nextBefore && entries.length > 0 ? (
        <p className="gv-load-more">
          <button type="button" className="button button-secondary" disabled={state === "more"} onClick={() => void load(nextBefore)}>
            {state === "more" ? "Loading…" : "Load older"}
          </button>
        </p>
      ) : null}
    </div>
  );
}
