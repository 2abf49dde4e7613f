/** `/search?q=&schoolId=&kind=`: what the header's search found, with filters in the URL so a search can be shared. */
import { Link, useSearchParams } from "react-router";
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from "../../../../shared/enumValues.js";
import { useResource } from "../../api/useResource.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ResourceView } from "../../components/ResourceView.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { listSchools } from "../schools/schoolsApi.js";
import { searchTrellis, type SearchHit } from "./searchApi.js";
import { Snippet } from "./Snippet.js";
import "./search.css";

const BLOCK_LABELS: Record<string, string> = { priority: "Priority", target: "Target", action: "Action", judgement: "Judgement", finding: "Finding" };

function hitLabel(hit: SearchHit): string {
  if (hit.type === "document") return "Document";
  if (hit.type === "thread") return hit.resolved ? "Comment thread (resolved)" : "Comment thread";
  return BLOCK_LABELS[hit.blockType] ?? "Block";
}

function kindLabel(kind: string): string {
  return DOCUMENT_KIND_LABELS[kind as DocumentKind] ?? kind;
}

function HitList({ hits, truncated }: { hits: SearchHit[]; truncated: boolean }) {
  if (!hits.length) {
    return (
      <EmptyState title="Nothing found">
        <p>Try other words, fewer of them, or clear the filters. Words are matched in any form: “phonics” also finds “phonic”.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="search-count" role="status">
        {hits.length === 1 ? "1 result" : `${hits.length} results`}
        {truncated ? ". Many more things match: add words or a filter to find the best of them." : ""}
      </p>
      <ol className="search-hits">
        {hits.map((hit) => (
          <li key={`${hit.type}:${hit.href}`} className="search-hit">
            <p className="search-hit-kind">{hitLabel(hit)}</p>
            <Link to={hit.href} className="search-hit-link">
              <Snippet text={hit.snippet} />
            </Link>
            <p className="search-hit-where">
              {hit.type === "document" ? "" : `${hit.documentTitle} · `}
              {kindLabel(hit.documentKind)} · {hit.schoolName}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  const schoolId = params.get("schoolId") ?? undefined;
  const kind = params.get("kind") ?? undefined;
  usePageTitle(q ? `Search: ${q}` : "Search");
  const results = useResource((signal) => (q ? searchTrellis({ q, schoolId, kind }, signal) : Promise.resolve(null)), [q, schoolId, kind]);
  const schools = useResource((signal) => listSchools(signal), []);

  const setFilter = (key: "schoolId" | "kind", value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Search</h1>
        <p className="lead">Plans, SEFs and reviews, their priorities, targets, actions, judgements and findings, and comment threads, in every school you can see.</p>
      </header>
      <form className="pg-filters" aria-label="Filter results" onSubmit={(e) => e.preventDefault()}>
        {(schools.data?.length ?? 0) > 1 ? (
          <div className="field">
            <label htmlFor="s-school">School</label>
            <select id="s-school" value={schoolId ?? ""} onChange={(e) => setFilter("schoolId", e.target.value)}>
              <option value="">All my schools</option>
              {(schools.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="s-kind">Kind of document</label>
          <select id="s-kind" value={kind ?? ""} onChange={(e) => setFilter("kind", e.target.value)}>
            <option value="">Any kind</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {q ? (
        <ResourceView resource={results} loadingLabel="Searching…" errorTitle="The search did not work">
          {(data) => (data ? <HitList hits={data.hits} truncated={data.truncated} /> : null)}
        </ResourceView>
      ) : (
        <EmptyState title="Type some words in the search box above">
          <p>For example “phonics”, “persistent absence” or a colleague’s question.</p>
        </EmptyState>
      )}
    </div>
  );
}
