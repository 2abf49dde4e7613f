/** A stacked bar of RAG counts; every segment also prints its number, and the whole bar has a text label. */
import { RAG_LABELS, RAGS } from "../../../../shared/enums.js";
import type { RagCounts } from "./progressApi.js";

/** Summarises counts as words ("3 red, 1 amber, …"), for screen readers and tooltips. */
export function ragSummary(counts: RagCounts): string {
  const parts = RAGS.filter((r) => counts[r] > 0).map((r) => `${counts[r]} ${RAG_LABELS[r].toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}

export function RagBar({ counts, label }: { counts: RagCounts; label: string }) {
  const total = counts.total || RAGS.reduce((n, r) => n + counts[r], 0);
  if (total === 0) return <span className="cell-secondary">No {label}</span>;
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
