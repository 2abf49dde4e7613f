/** `/actions`: the action tracker. Filters live in the URL, so a filtered view can be bookmarked and shared. */
import { Link, useSearchParams } from "react-router";
import { ACTION_STATUS_LABELS, ACTION_STATUSES, RAG_LABELS, RAGS } from "../../../../shared/enumValues.js";
import { FRAMEWORKS, FRAMEWORK_KEYS } from "../../../../shared/frameworks/index.js";
import { useResource } from "../../api/useResource.js";
import { formatDay } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ResourceView } from "../../components/ResourceView.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { RagChip } from "../../components/RagChip.js";
import { useMe } from "../../session/SessionContext.js";
import { listSchoolPeople, listSchools } from "../schools/schoolsApi.js";
import { ACTION_FILTER_KEYS, listActions, type ActionFilters, type ActionPage } from "./progressApi.js";
import { useProgressEvents } from "./useProgressEvents.js";
import { MyTargets } from "./MyTargets.js";
import "./progress.css";

const PAGE_SIZE = 50;

/** Every area of every framework once, for the area filter (the API accepts any of them). */
const AREAS = [...new Map(FRAMEWORK_KEYS.flatMap((k) => FRAMEWORKS[k].areas.map((a) => [a.key, a.label] as const))).entries()];

function ActionsTable({ page, offset, setOffset }: { page: ActionPage; offset: number; setOffset: (n: number) => void }) {
  if (page.total === 0) {
    return (
      <EmptyState title="No actions match these filters">
        <p>Try fewer filters, or clear them.</p>
      </EmptyState>
    );
  }
  const last = Math.min(offset + page.actions.length, page.total);
  return (
    <>
      <div className="table-wrap">
        <table className="table" aria-label="Actions">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">School</th>
              <th scope="col">Owners</th>
              <th scope="col">Due</th>
              <th scope="col">RAG</th>
              <th scope="col">Status</th>
              <th scope="col">Area</th>
            </tr>
          </thead>
          <tbody>
            {page.actions.map((a) => (
              <tr key={a.id} data-action={a.id}>
                <th scope="row">
                  <Link to={`/documents/${a.document.id}#block-${a.id}`}>{a.text || "Untitled action"}</Link>
                  <div className="cell-secondary">
                    {a.document.title}
                    {a.priority ? ` · ${a.priority.title}` : ""}
                  </div>
                </th>
                <td>
                  <Link to={`/schools/${a.school.id}`}>{a.school.name}</Link>
                </td>
                <td>{a.owners.length ? a.owners.map((o) => o.name).join(", ") : <span className="cell-secondary">No owner</span>}</td>
                <td>
                  {a.due ? formatDay(a.due) : <span className="cell-secondary">None</span>}
                  {a.overdue ? <span className="badge badge-warning"> Overdue</span> : null}
                </td>
                <td>
                  <RagChip rag={a.rag} />
                </td>
                <td>{ACTION_STATUS_LABELS[a.status]}</td>
                <td>{a.areaLabel ?? <span className="cell-secondary">None</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pg-pager" aria-label="Pages of actions">
        <button type="button" className="button button-secondary button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          Previous
        </button>
        <span role="status">
          {offset + 1}–{last} of {page.total}
        </span>
        <button type="button" className="button button-secondary button-small" disabled={last >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          Next
        </button>
      </nav>
    </>
  );
}

export function ActionsPage() {
  const me = useMe();
  usePageTitle("Actions");
  const [params, setParams] = useSearchParams();
  const filters: ActionFilters = {};
  for (const key of ACTION_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const offset = Number(filters.offset ?? 0) || 0;
  const actions = useResource((signal) => listActions(filters, PAGE_SIZE, signal), [filters]);
  // A RAG changed in any open editor shows here at once.
  useProgressEvents(actions.reload, filters.schoolId);
  const schools = useResource((signal) => listSchools(signal), []);
  // Anyone can be picked as owner once a school is chosen; trust-wide, the list would run to hundreds.
  const people = useResource(
    (signal) => (filters.schoolId ? listSchoolPeople(filters.schoolId, signal) : Promise.resolve([])),
    [filters.schoolId],
  );
  const mine = filters.owner === me.user.id || filters.owner === "me";
  const ownerOptions = (people.status === "ready" ? people.data : []).filter((p) => p.id !== me.user.id);

  /** Sets one filter in the URL; any change of filter goes back to the first page. */
  const setFilter = (key: keyof ActionFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== "offset") next.delete("offset");
    setParams(next);
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>{mine ? "My actions" : "Actions"}</h1>
        <p className="lead">
          {mine
            ? "The actions and targets you own, in every school you can see: open ones first, soonest due."
            : "Every action in the plans you can see, with who owns it and how it is going."}
        </p>
      </header>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form keeps its form semantics; <search> is not yet announced everywhere */}
      <form className="pg-filters" role="search" aria-label="Filter actions" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="f-school">School</label>
          <select id="f-school" value={filters.schoolId ?? ""} onChange={(e) => setFilter("schoolId", e.target.value)}>
            <option value="">All schools</option>
            {(schools.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-owner">Owner</label>
          <select id="f-owner" value={mine ? me.user.id : (filters.owner ?? "")} onChange={(e) => setFilter("owner", e.target.value)}>
            <option value="">Anyone</option>
            <option value={me.user.id}>Me ({me.user.name})</option>
            {ownerOptions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.roleLabel})
              </option>
            ))}
            {filters.owner && !mine && !ownerOptions.some((p) => p.id === filters.owner) ? <option value={filters.owner}>The chosen person</option> : null}
          </select>
          {filters.schoolId ? null : <p className="hint">Choose a school to pick anyone there.</p>}
        </div>
        <div className="field">
          <label htmlFor="f-area">Area</label>
          <select id="f-area" value={filters.area ?? ""} onChange={(e) => setFilter("area", e.target.value)}>
            <option value="">All areas</option>
            {AREAS.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-rag">RAG</label>
          <select id="f-rag" value={filters.rag ?? ""} onChange={(e) => setFilter("rag", e.target.value)}>
            <option value="">Any RAG</option>
            {RAGS.map((r) => (
              <option key={r} value={r}>
                {RAG_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" value={filters.status ?? ""} onChange={(e) => setFilter("status", e.target.value)}>
            <option value="">Any status</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" checked={filters.overdue === "true"} onChange={(e) => setFilter("overdue", e.target.checked ? "true" : "")} />
          Overdue only
        </label>
        <div className="actions">
          <button type="button" className="button button-secondary" aria-pressed={mine} onClick={() => setFilter("owner", mine ? "" : me.user.id)}>
            My actions
          </button>
          <button type="button" className="button button-quiet" onClick={() => setParams(new URLSearchParams())}>
            Clear filters
          </button>
          {actions.status === "ready" ? (
            <a className="button button-secondary" href={actions.data.csv} download>
              Export CSV
            </a>
          ) : null}
        </div>
      </form>
      <ResourceView resource={actions} loadingLabel="Loading actions" errorTitle="The actions could not be loaded">
        {(page) => <ActionsTable page={page} offset={offset} setOffset={(n) => setFilter("offset", n ? String(n) : "")} />}
      </ResourceView>
      {mine ? <MyTargets schoolId={filters.schoolId} reloadKey={actions.data} /> : null}
    </div>
  );
}
