/**
 * Compares two V8 heap snapshots (the soak bench writes them with SOAK_HEAP_SNAPSHOTS): object
 * counts and shallow sizes per constructor, largest growth first. What a leak keeps alive shows
 * up here as a constructor whose count climbs with the visits, not with the data.
 * `npx tsx bench/soak/heapDiff.ts before.heapsnapshot after.heapsnapshot [rows]`
 */
import { readFileSync } from "node:fs";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Count and shallow bytes per "type:name" (objects by constructor, closures by function name). */
function summarise(path: string): Map<string, { count: number; bytes: number }> {
  const heap = JSON.parse(readFileSync(path, "utf8")) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const out = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + typeAt!]!]!;
    // Strings are keyed by kind only: their text would make every one its own row.
    const name = type === "string" || type === "concatenated string" || type === "sliced string" ? "" : heap.strings[heap.nodes[i + nameAt!]!]!.slice(0, 60);
    const key = `${type}:${name}`;
    const row = out.get(key) ?? { count: 0, bytes: 0 };
    row.count++;
    row.bytes += heap.nodes[i + sizeAt!]!;
    out.set(key, row);
  }
  return out;
}

const [beforePath, afterPath, rowsArg] = process.argv.slice(2);
if (!beforePath || !afterPath) throw new Error("usage: heapDiff.ts before.heapsnapshot after.heapsnapshot [rows]");
const before = summarise(beforePath);
const after = summarise(afterPath);
const total = (m: Map<string, { bytes: number }>) => [...m.values()].reduce((n, r) => n + r.bytes, 0);
const rows = [...new Set([...before.keys(), ...after.keys()])]
  .map((key) => {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    const a = after.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: a.count - b.count, bytes: a.bytes - b.bytes, countAfter: a.count };
  })
  .sort((x, y) => y.bytes - x.bytes)
  .slice(0, Number(rowsArg ?? 30));
const mb = (n: number) => (n / 1048576).toFixed(2);
console.log(`shallow heap ${mb(total(before))} MB -> ${mb(total(after))} MB`);
for (const r of rows) console.log(`${mb(r.bytes).padStart(8)} MB  ${String(r.count).padStart(8)} objects (now ${r.countAfter})  ${r.key}`);
