/**
 * The academy card's review history: targets by RAG at each review point (one bar per half term),
 * and each target's and action's RAG at every review with the reviewer's commentary.
 */
import { lazy, Suspense } from "react";
import { RAG_LABELS, RAGS, type Rag } from "../../../../shared/enumValues.js";
import { useResource } from "../../api/useResource.js";
import { EmptyState } from "../../components/EmptyState.js";
import { RagChip } from "../../components/RagChip.js";
import { ResourceView } from "../../components/ResourceView.js";
import { getSchoolReviews, type SchoolReviews } from "./reviewsApi.js";

// chart.js is heavy: it loads with the card, never with the editor.
const RagTrendChart = lazy(() => import("../progress/RagTrendChart.js").then((m) => ({ default: m.RagTrendChart })));

const isRag = (r: string): r is Rag => (RAGS as readonly string[]).includes(r);

function Histories({ data }: { data: SchoolReviews }) {
  const labels = data.points.map((p) => p.label);
  if (!data.history.length) return null;
  return (
    <details>
      <summary>Each target and action at every review ({data.history.length})</summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Target or action</th>
              {labels.map((l) => (
                <th scope="col" key={l}>{l}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.history.map((h) => (
              <tr key={h.blockId}>
                <th scope="row">
                  {h.text || "Untitled"}
                  <div className="cell-secondary">{h.type === "target" ? "Target" : "Action"}</div>
                </th>
                {data.points.map((p) => {
                  const e = h.entries.find((x) => x.academicYear === p.academicYear && x.halfTerm === p.halfTerm);
                  return (
                    <td key={p.label}>
                      {e ? (
                        <>
                          {isRag(e.rag) ? <RagChip rag={e.rag} /> : e.rag}
                          {e.current ? <div className="cell-secondary">Now {e.current}</div> : null}
                          {e.commentary ? <div className="cell-secondary">{e.commentary}</div> : null}
                        </>
                      ) : (
                        <span className="cell-secondary">Not reviewed</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Loads `GET /api/schools/:id/reviews` and shows the trend by review point. */
export function ReviewTrend({ schoolId }: { schoolId: string }) {
  const reviews = useResource((signal) => getSchoolReviews(schoolId, signal), [schoolId]);
  return (
    <ResourceView resource={reviews} loadingLabel="Loading the reviews" errorTitle="The reviews could not be loaded">
      {(data) =>
        data.points.length === 0 ? (
          <EmptyState title="No reviews yet">
            <p>When a plan is reviewed at the end of a half term, its RAG at that review appears here.</p>
          </EmptyState>
        ) : (
          <>
            <Suspense fallback={<p className="hint">Loading the chart…</p>}>
              <RagTrendChart points={data.points.map((p) => ({ label: p.label, counts: Object.fromEntries(RAGS.map((r) => [r, p.targets[r] ?? 0])) as Record<Rag, number> }))} />
            </Suspense>
            <p className="cell-secondary">RAG: {RAGS.map((r) => RAG_LABELS[r]).join(", ")}.</p>
            <Histories data={data} />
          </>
        )
      }
    </ResourceView>
  );
}
