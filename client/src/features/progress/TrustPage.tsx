/** `/trust`: every school at a glance for trust roles: tier, RAG of actions, overdue, SEF heatmap, last activity. */
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { PHASE_LABELS, PHASES, type Phase } from "../../../../shared/enumValues.js";
import { DEFAULT_FRAMEWORK } from "../../../../shared/frameworks/index.js";
import { useResource } from "../../api/useResource.js";
import { formatDate, formatDateTime } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ResourceView } from "../../components/ResourceView.js";
import { TierBadge } from "../../components/TierBadge.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { useMe } from "../../session/SessionContext.js";
import { getTrustDashboard, type TrustDashboard, type TrustSchoolRow } from "./progressApi.js";
import { RagBar } from "./RagBar.js";
import { frameworkLabel, HeatCell, heatmapColumns } from "./SefHeatmap.js";
import { usePolling } from "./usePolling.js";
import { useProgressEvents } from "./useProgressEvents.js";
import { WatchList } from "../flags/WatchList.js";
import "./progress.css";

/** Block changes arrive at once over the event stream; this slow poll catches tiers, check-ins and the passing of due dates. */
export const TRUST_REFRESH_MS = 120_000;

type SortKey = "name" | "tier" | "red" | "overdue" | "lastActivity";
const SORTS: Record<SortKey, (a: TrustSchoolRow, b: TrustSchoolRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  tier: (a, b) => (a.tier?.level ?? 0) - (b.tier?.level ?? 0),
  red: (a, b) => a.actions.red - b.actions.red,
  overdue: (a, b) => a.overdue - b.overdue,
  lastActivity: (a, b) => (a.lastActivity ?? "").localeCompare(b.lastActivity ?? ""),
};

export function TrustPage() {
  const me = useMe();
  usePageTitle("Trust dashboard");
  if (!me.abilities.viewTrust) {
    return (
      <div className="page">
        <h1>Trust dashboard</h1>
        <div className="notice notice-info" role="alert">
          <p className="notice-title">The trust dashboard is not available to you</p>
          <p>It is for trust leaders and trustees. You can see your own school's progress on its page.</p>
        </div>
        {me.roles.find((r) => r.schoolId) ? (
          <p>
            <Link to={`/schools/${me.roles.find((r) => r.schoolId)!.schoolId}`}>Go to your school</Link>
          </p>
        ) : null}
      </div>
    );
  }
  return <TrustDashboardView />;
}

function TrustDashboardView() {
  const dashboard = useResource((signal) => getTrustDashboard(signal), []);
  usePolling(dashboard.reload, TRUST_REFRESH_MS);
  useProgressEvents(dashboard.reload);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Trust dashboard</h1>
        <p className="lead">Where every school stands, from the plans as they are written.</p>
      </header>
      <ResourceView resource={dashboard} loadingLabel="Loading the trust dashboard" errorTitle="The trust dashboard could not be loaded">
        {(data) => <DashboardBody data={data} />}
      </ResourceView>
    </div>
  );
}

const isSortKey = (key: string | null): key is SortKey => key !== null && key in SORTS;

function DashboardBody({ data }: { data: TrustDashboard }) {
  // Filters and sort live in the URL, so a filtered view of the trust can be bookmarked and shared.
  const [params, setParams] = useSearchParams();
  const tier = params.get("tier") ?? "";
  const phase = params.get("phase") ?? "";
  const text = params.get("q") ?? "";
  const sortKey = params.get("sort");
  const sort: { key: SortKey; dir: "ascending" | "descending" } = isSortKey(sortKey)
    ? { key: sortKey, dir: params.get("dir") === "descending" ? "descending" : "ascending" }
    : { key: "tier", dir: "descending" };
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // Replace rather than push: typing a name should not leave a history entry per letter.
    setParams(next, { replace: true });
  };
  const setTier = (value: string) => update({ tier: value });
  const setPhase = (value: string) => update({ phase: value });
  const setText = (value: string) => update({ q: value });
  const setSort = (next: { key: SortKey; dir: "ascending" | "descending" }) => update({ sort: next.key, dir: next.dir });
  const allColumns = useMemo(() => heatmapColumns(data.schools), [data.schools]);
  // The current framework's grades are the ones that matter; earlier ones fold away until asked for.
  const [showEarlier, setShowEarlier] = useState(false);
  const earlier = allColumns.filter((c) => c.framework !== DEFAULT_FRAMEWORK);
  const hasCurrent = earlier.length < allColumns.length;
  const columns = showEarlier || !hasCurrent ? allColumns : allColumns.filter((c) => c.framework === DEFAULT_FRAMEWORK);
  const frameworks = [...new Set(columns.map((c) => c.framework))];
  const earlierNames = [...new Set(earlier.map((c) => frameworkLabel(c.framework)))].join(", ");

  const rows = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const filtered = data.schools.filter(
      (s) =>
        (tier === "" || String(s.tier?.level ?? "none") === tier) &&
        (phase === "" || s.phase === phase) &&
        (needle === "" || s.name.toLowerCase().includes(needle)),
    );
    const cmp = SORTS[sort.key];
    return filtered.sort((a, b) => (sort.dir === "ascending" ? cmp(a, b) : cmp(b, a)) || a.name.localeCompare(b.name));
  }, [data.schools, tier, phase, text, sort]);

  const sortHeader = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? sort.dir : "none"}>
        <button
          type="button"
          className="pg-sort"
          onClick={() => setSort({ key, dir: active && sort.dir === "ascending" ? "descending" : "ascending" })}
        >
          {label}
          <span className="pg-sort-arrow" aria-hidden="true">
            {active ? (sort.dir === "ascending" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  };

  return (
    <>
      <WatchList schools={data.schools} />
      <section className="section" aria-labelledby="totals-heading">
        <h2 id="totals-heading">Across the trust</h2>
        <dl className="pg-totals">
          <div>
            <dt>Schools</dt>
            <dd>{data.totals.schools}</dd>
          </div>
          <div>
            <dt>Actions by RAG</dt>
            <dd data-testid="trust-actions">
              <RagBar counts={data.totals.actions} label="actions" linkTo={(rag) => `/actions?rag=${rag}`} />
            </dd>
          </div>
          <div>
            <dt>Overdue actions</dt>
            <dd>
              <Link to="/actions?overdue=true" aria-label={`${data.totals.overdue} overdue actions`}>
                {data.totals.overdue}
              </Link>
            </dd>
          </div>
          <div>
            <dt>Targets by RAG</dt>
            <dd>
              <RagBar counts={data.totals.targets} label="targets" />
            </dd>
          </div>
        </dl>
        <p className="cell-secondary">
          By tier: {data.totals.byTier.map((t) => `${t.level === null ? t.name : `Tier ${t.level} · ${t.name}`}: ${t.schools}`).join("; ") || "no tiers"}
          {" · "}
          <span className="pg-refreshed">Updated {formatDateTime(data.generatedAt)}, updates as plans change</span>
        </p>
      </section>

      <section className="section" aria-labelledby="schools-heading">
        <h2 id="schools-heading">Schools</h2>
        {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form keeps its form semantics; <search> is not yet announced everywhere */}
        <form className="pg-filters" role="search" aria-label="Filter schools" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="trust-tier">Tier</label>
            <select id="trust-tier" value={tier} onChange={(e) => setTier(e.target.value)}>
              <option value="">All tiers</option>
              {data.totals.byTier.map((t) => (
                <option key={t.level ?? "none"} value={String(t.level ?? "none")}>
                  {t.level === null ? t.name : `Tier ${t.level} · ${t.name}`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trust-phase">Phase</label>
            <select id="trust-phase" value={phase} onChange={(e) => setPhase(e.target.value)}>
              <option value="">All phases</option>
              {PHASES.map((p) => (
                <option key={p} value={p}>
                  {PHASE_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trust-text">School name</label>
            <input id="trust-text" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Search schools" />
          </div>
          <p className="cell-secondary" role="status">
            {rows.length} of {data.schools.length} schools
          </p>
        </form>
        {hasCurrent && earlier.length ? (
          <p>
            <button type="button" className="button button-quiet button-small" aria-expanded={showEarlier} onClick={() => setShowEarlier(!showEarlier)}>
              {showEarlier ? `Hide earlier grades (${earlierNames})` : `Show earlier grades (${earlierNames}, ${earlier.length} areas)`}
            </button>
          </p>
        ) : null}
        {rows.length === 0 ? (
          <EmptyState title={data.schools.length ? "No school matches these filters" : "There are no schools yet"} />
        ) : (
          <div className="table-wrap">
            <table className="table" aria-labelledby="schools-heading">
              <thead>
                <tr>
                  {sortHeader("name", "School")}
                  {sortHeader("tier", "Tier")}
                  <th scope="col">Actions by RAG</th>
                  {sortHeader("red", "Red")}
                  {sortHeader("overdue", "Overdue")}
                  {columns.map((c) => (
                    <th scope="col" key={`${c.framework}:${c.area}`} className="pg-heat-col" title={frameworkLabel(c.framework)}>
                      {c.label}
                      {frameworks.length > 1 ? <span className="cell-secondary"> ({c.framework})</span> : null}
                    </th>
                  ))}
                  {sortHeader("lastActivity", "Last activity")}
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id} data-school={s.name}>
                    <th scope="row">
                      <Link to={`/schools/${s.id}`}>{s.name}</Link>
                      <div className="cell-secondary">{PHASE_LABELS[s.phase as Phase] ?? s.phase}</div>
                    </th>
                    <td>
                      <TierBadge tier={s.tier} />
                    </td>
                    <td data-testid="school-actions">
                      <RagBar counts={s.actions} label="actions" linkTo={(rag) => `/actions?schoolId=${s.id}&rag=${rag}`} />
                    </td>
                    <td data-testid="school-red">
                      <Link to={`/actions?schoolId=${s.id}&rag=red`} aria-label={`${s.actions.red} red actions`}>
                        {s.actions.red}
                      </Link>
                    </td>
                    <td>
                      <Link to={`/actions?schoolId=${s.id}&overdue=true`} aria-label={`${s.overdue} overdue actions`}>
                        {s.overdue}
                      </Link>
                    </td>
                    {columns.map((c) => (
                      <td key={`${c.framework}:${c.area}`}>
                        <HeatCell grade={s.sef.find((g) => g.framework === c.framework && g.area === c.area)} />
                      </td>
                    ))}
                    <td>{s.lastActivity ? formatDate(s.lastActivity) : <span className="cell-secondary">None yet</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {frameworks.length > 0 ? (
          <p className="pg-framework-note">
            Grades are the latest in each school's SEF. Colours run from best to weakest on each framework's own scale ({frameworks.map(frameworkLabel).join("; ")}); grades
            from different frameworks are not comparable.
          </p>
        ) : null}
      </section>

      <section className="section" aria-labelledby="red-heading">
        <h2 id="red-heading">Areas most often red</h2>
        {data.redAreas.length === 0 ? (
          <EmptyState title="No area is marked red in any school" />
        ) : (
          <ol className="pg-red-areas">
            {data.redAreas.map((a) => (
              <li key={a.area}>
                <strong>{a.label}</strong>: red in {a.schools} {a.schools === 1 ? "school" : "schools"} ({a.redActions} red {a.redActions === 1 ? "action" : "actions"}, {a.redTargets} red {a.redTargets === 1 ? "target" : "targets"})
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
