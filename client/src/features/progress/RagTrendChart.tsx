/**
 * RAG over time on the academy card: targets by RAG at each review point (one bar per half term),
 * or, given targets, on each day a RAG changed. Drawn with chart.js; a table gives the same numbers.
 */
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";
import { RAG_LABELS, RAGS, type Rag } from "../../../../shared/enumValues.js";
import { formatDay } from "../../components/dates.js";
import type { CardTarget } from "./progressApi.js";

// Register only what a stacked bar chart needs, to keep the bundle small.
ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const COLOURS: Record<Rag, string> = { red: "#b42318", amber: "#f59e0b", green: "#1f6b3a", blue: "#1565c0", none: "#d1d5db" };

/** Counts of targets by RAG as of each day on which any target's RAG changed. */
export function ragSeries(targets: CardTarget[]): { day: string; counts: Record<Rag, number> }[] {
  const days = [...new Set(targets.flatMap((t) => t.trend.map((p) => p.at.slice(0, 10))))].sort();
  return days.map((day) => {
    const counts = Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<Rag, number>;
    for (const t of targets) {
      const known = t.trend.filter((p) => p.at.slice(0, 10) <= day);
      const rag = known.length ? known[known.length - 1]!.rag : null;
      if (rag) counts[rag] += 1;
    }
    return { day, counts };
  });
}

/** Review points (one bar each), or targets whose RAG changes are charted by day. */
export function RagTrendChart({ targets, points }: { targets?: CardTarget[]; points?: { label: string; counts: Record<Rag, number> }[] }) {
  const series = points ? points.map((p) => ({ day: p.label, counts: p.counts })) : ragSeries(targets ?? []).map((s) => ({ ...s, day: formatDay(s.day) }));
  if (series.length === 0) return <p className="cell-secondary">No RAG changes recorded yet.</p>;
  const used = RAGS.filter((r) => series.some((s) => s.counts[r] > 0));
  const data = {
    labels: series.map((s) => s.day),
    datasets: used.map((r) => ({ label: RAG_LABELS[r], data: series.map((s) => s.counts[r]), backgroundColor: COLOURS[r], stack: "rag", maxBarThickness: 56 })),
  };
  return (
    <figure>
      <div className="pg-chart">
        <Bar
          data={data}
          aria-label={points ? "Targets by RAG at each review" : "Targets by RAG over time"}
          role="img"
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Targets" } } },
          }}
        />
      </div>
      <details>
        <summary>The chart as a table</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{points ? "Review" : "Day"}</th>
              {used.map((r) => (
                <th scope="col" key={r}>
                  {RAG_LABELS[r]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.day}>
                <th scope="row">{s.day}</th>
                {used.map((r) => (
                  <td key={r}>{s.counts[r]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
