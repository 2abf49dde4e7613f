/** "My actions" also lists the targets the person owns: open ones first, soonest due, with their RAG. */
import { Link } from "react-router";
import { useResource } from "../../api/useResource.js";
import { formatDay } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";
import { RagChip } from "../../components/RagChip.js";
import { ResourceView } from "../../components/ResourceView.js";
import { listMyTargets, type TargetRow } from "./progressApi.js";

/** Open before met or complete; then soonest due, undated last. */
function byOpenThenDue(a: TargetRow, b: TargetRow): number {
  const done = (t: TargetRow) => (t.rag === "blue" || t.outcome === "met" ? 1 : 0);
  if (done(a) !== done(b)) return done(a) - done(b);
  return (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31");
}

export function MyTargets({ schoolId, reloadKey }: { schoolId?: string; reloadKey: unknown }) {
  const targets = useResource((signal) => listMyTargets(schoolId, signal), [schoolId, reloadKey]);
  return (
    <section className="section" aria-labelledby="my-targets-heading">
      <h2 id="my-targets-heading">Targets you own</h2>
      <ResourceView resource={targets} loadingLabel="Loading your targets" errorTitle="Your targets could not be loaded">
        {(page) =>
          page.targets.length === 0 ? (
            <EmptyState title="You own no targets" />
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="Targets you own">
                <thead>
                  <tr>
                    <th scope="col">Target</th>
                    <th scope="col">School</th>
                    <th scope="col">Now</th>
                    <th scope="col">Due</th>
                    <th scope="col">RAG</th>
                  </tr>
                </thead>
                <tbody>
                  {[...page.targets].sort(byOpenThenDue).map((t) => (
                    <tr key={t.key}>
                      <th scope="row">
                        <Link to={`/documents/${t.document.id}#block-${t.id}`}>{t.text || "Untitled target"}</Link>
                        <div className="cell-secondary">{t.document.title}</div>
                      </th>
                      <td>{t.school.name}</td>
                      <td>{t.current ? `${t.current}${t.goal ? ` of ${t.goal}` : ""}` : <span className="cell-secondary">Not recorded</span>}</td>
                      <td>{t.due ? formatDay(t.due) : <span className="cell-secondary">None</span>}</td>
                      <td>
                        <RagChip rag={t.rag} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}
