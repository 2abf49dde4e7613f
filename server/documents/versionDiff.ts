/** "Changes since approval": the structured blocks added, removed or changed between two versions (prose: proseDiff.ts). */

/** A block as a version stores it: enough to compare and to show. */
export interface VersionBlock {
  id: string;
  type: string;
  text: string;
  attrs: Record<string, unknown>;
}

export interface BlockChange {
  id: string;
  type: string;
  text: string;
  change: "added" | "removed" | "changed";
  /** For "changed": each field that moved, with its old and new value. */
  fields: { field: string; from: unknown; to: unknown }[];
}

/** Per block type, the fields a reader of the approved plan would want to hear have moved. */
const TRACKED_FIELDS: Record<string, readonly string[]> = {
  priority: ["text", "area"],
  target: ["text", "area", "rag", "due", "owners", "current", "goal", "baseline", "measure", "outcome"],
  action: ["text", "rag", "status", "due", "start", "owners"],
  judgement: ["text", "area", "grade"],
  finding: ["text", "kind", "area"],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Compares the priorities, targets, actions, judgements and findings of `before` and `after`, in the order they appear after. */
export function diffVersions(before: VersionBlock[], after: VersionBlock[]): BlockChange[] {
  const pick = (blocks: VersionBlock[]) => new Map(blocks.filter((b) => Object.hasOwn(TRACKED_FIELDS, b.type)).map((b) => [b.id, b]));
  const old = pick(before);
  const now = pick(after);
  const changes: BlockChange[] = [];
  for (const block of now.values()) {
    const prior = old.get(block.id);
    if (!prior) {
      changes.push({ id: block.id, type: block.type, text: block.text, change: "added", fields: [] });
      continue;
    }
    // A block whose type changed is compared on the fields of what it is now.
    const fields = TRACKED_FIELDS[block.type]!.flatMap((field) => {
      const from = field === "text" ? prior.text : prior.attrs[field];
      const to = field === "text" ? block.text : block.attrs[field];
      return same(from, to) ? [] : [{ field, from: from ?? null, to: to ?? null }];
    });
    if (fields.length) changes.push({ id: block.id, type: block.type, text: block.text, change: "changed", fields });
  }
  for (const block of old.values()) {
    if (!now.has(block.id)) changes.push({ id: block.id, type: block.type, text: block.text, change: "removed", fields: [] });
  }
  return changes;
}
