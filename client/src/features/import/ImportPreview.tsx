/** The preview of an import: each block as it will appear, with what could not be read beside it. */
import type { Rag } from "../../../../shared/enumValues.js";
import type { ImportBlock, ImportResult, ImportWarning } from "../../../../shared/importPreview.js";
import { RagChip } from "../../components/RagChip.js";
import { formatDay } from "../../components/dates.js";

const BLOCK_LABELS: Record<string, string> = { priority: "Priority", target: "Target", action: "Action", judgement: "Judgement", finding: "Finding" };

function Facts({ block, people }: { block: ImportBlock; people: Record<string, string> }) {
  const a = block.attrs;
  const owners = ((a.owners as string[] | undefined) ?? []).map((id) => people[id] ?? "Unknown person");
  const facts: [string, string][] = [];
  if (owners.length) facts.push(["Owners", owners.join(", ")]);
  if (a.start) facts.push(["Start", formatDay(a.start as string)]);
  if (a.due) facts.push(["Due", formatDay(a.due as string)]);
  for (const [key, label] of [["baseline", "Baseline"], ["current", "Current"], ["goal", "Goal"], ["measure", "Measure"], ["cost", "Cost"], ["successCriteria", "Success criteria"]] as const) {
    if (a[key]) facts.push([label, String(a[key])]);
  }
  if (a.status && a.status !== "not_started") facts.push(["Status", String(a.status).replace("_", " ")]);
  return (
    <dl className="import-facts">
      {a.rag !== undefined ? (
        <div>
          <dt>RAG</dt>
          <dd>{a.rag === "none" ? "Not rated" : <RagChip rag={a.rag as Rag} />}</dd>
        </div>
      ) : null}
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function BlockView({ block, people }: { block: ImportBlock; people: Record<string, string> }) {
  switch (block.type) {
    case "heading":
      return <p className={`import-heading import-heading-${block.attrs.level}`}>{block.text}</p>;
    case "paragraph":
      return <p>{block.text}</p>;
    case "bulletList":
    case "orderedList": {
      const List = block.type === "bulletList" ? "ul" : "ol";
      const items = ((block.attrs.items as string[]) ?? []).map((text, n) => ({ text, id: `item-${n}` }));
      return <List>{items.map((item) => <li key={item.id}>{item.text}</li>)}</List>;
    }
    default:
      return (
        <div className={`import-block import-block-${block.type}`}>
          <p className="import-block-title">
            <span className="import-block-kind">{BLOCK_LABELS[block.type] ?? block.type}</span> {block.text || <em>(no text)</em>}
          </p>
          {block.type === "priority" ? null : <Facts block={block} people={people} />}
        </div>
      );
  }
}

/** Renders the blocks in order; a block's warnings sit beside it, the file's own at the top. */
export function ImportPreview({ result }: { result: ImportResult }) {
  const byBlock = new Map<number, ImportWarning[]>();
  const general: ImportWarning[] = [];
  for (const w of result.warnings) {
    if (w.block === null) general.push(w);
    else byBlock.set(w.block, [...(byBlock.get(w.block) ?? []), w]);
  }
  const counts: Record<string, number> = {};
  for (const b of result.blocks) counts[b.type] = (counts[b.type] ?? 0) + 1;
  const rows = result.blocks.map((block, n) => ({ block, id: `block-${n}`, warnings: (byBlock.get(n) ?? []).map((w, m) => ({ ...w, id: `w-${n}-${m}` })) }));
  const generalRows = general.map((w, m) => ({ ...w, id: `g-${m}` }));
  return (
    <section className="import-preview" aria-labelledby="import-preview-heading">
      <h3 id="import-preview-heading">Preview</h3>
      <p className="hint">
        {counts.priority ?? 0} priorities, {counts.target ?? 0} targets and {counts.action ?? 0} actions, with {result.warnings.length} {result.warnings.length === 1 ? "warning" : "warnings"}. Check them, then create the document or cancel.
      </p>
      {general.length ? (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">About the whole file</p>
          <ul>{generalRows.map((w) => <li key={w.id}>{w.message}</li>)}</ul>
        </div>
      ) : null}
      <ol className="import-blocks" aria-label="Blocks as they will appear">
        {rows.map(({ block, id, warnings }) => {
          return (
            <li key={id} className={warnings.length ? "import-row import-row-warned" : "import-row"}>
              <div className="import-row-block">
                <BlockView block={block} people={result.people} />
              </div>
              {warnings.length ? (
                <aside className="import-row-warnings" aria-label={`Warnings for ${block.text.slice(0, 60)}`}>
                  <ul>{warnings.map((w) => <li key={w.id}>{w.message}</li>)}</ul>
                </aside>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
