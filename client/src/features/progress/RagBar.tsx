/** A stacked bar of RAG counts; every segment also prints its number, and the whole bar has a text label. */
import { Link } from "react-router";
import { RAG_LABELS, RAGS, type Rag } from "../../../../shared/enumValues.js";
import type { RagCounts } from "./progressApi.js";

/** Summarises counts as words ("3 red, 1 amber, …"), for screen readers and tooltips. */
export function ragSummary(counts: RagCounts): string {
  const parts = RAGS.filter((r) => counts[r] > 0).map((r) => `${counts[r]} ${RAG_LABELS[r].toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}

/** With `linkTo`, each segment is a link to the rows behind its number (the tracker, filtered by that RAG). */
export function RagBar({ counts, label, linkTo }: { counts: RagCounts; label: string; linkTo?: (rag: Rag) => string }) {
  const total = counts.total || RAGS.reduce((n, r) => n + counts[r], 0);
  if (total === 0) return <span className="cell-secondary">No {label}</span>;
  if (linkTo) {
    return (
      <ul className="pg-ragbar pg-ragbar-links" aria-label={`${label}: ${ragSummary(counts)}`} title={ragSummary(counts)}>
        {RAGS.filter((r) => counts[r] > 0).map((r) => (
          <li key={r} className={`pg-seg pg-seg-${r}`} style={{ flexGrow: counts[r] }} data-rag={r}>
            <Link to={linkTo(r)} aria-label={`${counts[r]} ${RAG_LABELS[r].toLowerCase()} ${label}`}>
              {counts[r]}
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="pg-ragbar" role="img" aria-label={`${label}: ${ragSummary(counts)}`} title={ragSummary(counts)}>
      {RAGS.filter((r) => counts[r] > 0).map((r) => (
        <span key={r} className={`pg-seg pg-seg-${r}`} style={{ flexGrow: counts[r] }} data-rag={r}>
          {counts[r]}
        </span>
      ))}
    </div>
  );
}
