/**
 * From blocks in document order to the rows of the progress tables: keys that never merge two
 * blocks, grouping (DESIGN section 4), positions, and every problem recorded as a warning.
 * Pure functions: the extractor calls them for a whole document or for one changed block.
 */
import type { ActionAttrs, BlockType, BlockWarning, FindingAttrs, JudgementAttrs, PriorityAttrs, TargetAttrs } from "../../shared/blocks/schema.js";
import type { BlockSelf } from "./blockReader.js";
import { assignPositions } from "./positions.js";

/** One row of a progress table, by its drizzle field names (type-specific ones in `fields`). */
export interface BlockRow {
  type: BlockType;
  key: string;
  blockId: string | null;
  position: number;
  text: string;
  placeholder: boolean;
  warnings: BlockWarning[];
  fields: Record<string, unknown>;
}

/** A row plus what it was built from, so one changed block can be rebuilt without the others. */
export interface BuiltBlock {
  key: string;
  row: BlockRow;
  self: BlockSelf;
  keyWarnings: BlockWarning[];
  groupWarnings: BlockWarning[];
}

/** Whether an owner is one of the school's people (or trust-wide staff), someone else, or nobody. */
export type OwnerStatus = "member" | "outsider" | "unknown";
/** Looks up an owner; undefined means not known yet (the caller loads and retries). */
export type OwnerLookup = (userId: string) => OwnerStatus | undefined;

/** The fields whose every change is appended to status_history. */
export const TRACKED_FIELDS: Partial<Record<BlockType, readonly string[]>> = {
  target: ["rag", "current"],
  action: ["rag", "status"],
  judgement: ["grade"],
};

/** Rows are compared per table, so a key that moves from one block type to another is two rows. */
export const typeKey = (type: BlockType, key: string) => `${type}|${key}`;

/** Builds every block's row: keys, grouping and positions in one pass over document order. */
export function buildRows(selves: readonly BlockSelf[], oldPositions: ReadonlyMap<string, number>, owners: OwnerLookup): BuiltBlock[] {
  const seen = new Set<string>();
  const keyed = selves.map((self) => {
    const keyWarnings: BlockWarning[] = [];
    let key: string;
    if (self.blockId && !seen.has(self.blockId)) {
      key = self.blockId;
      seen.add(self.blockId);
    } else if (self.blockId) {
      // A paste or a duplicated node: the editor gives it a fresh id, but until then it stays its own row.
      key = `${self.blockId}:${self.itemId}`;
      keyWarnings.push({ attribute: "id", message: "another block above has the same id; this one is kept as a separate block", value: self.blockId });
    } else {
      key = `item:${self.itemId}`;
      const missing = self.rawId === undefined || self.rawId === null || self.rawId === "";
      keyWarnings.push(missing ? { attribute: "id", message: "block has no id yet" } : { attribute: "id", message: "id is not a UUID", value: self.rawId });
    }
    return { self, key, keyWarnings };
  });

  // targetId names a target by its block id; the first block holding that id is the target.
  const targetsById = new Map<string, { key: string; area: string | null }>();
  for (const k of keyed) {
    if (k.self.type === "target" && k.self.blockId && k.key === k.self.blockId) {
      targetsById.set(k.self.blockId, { key: k.key, area: (k.self.attrs as TargetAttrs).area });
    }
  }

  const positions = assignPositions(keyed.map((k) => typeKey(k.self.type, k.key)), oldPositions);
  let priority: { key: string; area: string | null } | null = null;
  let target: { key: string; area: string | null } | null = null;
  return keyed.map(({ self, key, keyWarnings }, i) => {
    const groupWarnings: BlockWarning[] = [];
    const group = { priorityKey: priority?.key ?? null, targetKey: null as string | null, area: null as string | null };
    if (self.type === "priority") {
      priority = { key, area: (self.attrs as PriorityAttrs).area };
      // A target belongs to its priority: an action under a new priority does not reach back to the last one's target.
      target = null;
    } else if (self.type === "target") {
      target = { key, area: (self.attrs as TargetAttrs).area };
    } else if (self.type === "action") {
      const wanted = (self.attrs as ActionAttrs).targetId;
      const named = wanted ? targetsById.get(wanted) : undefined;
      if (wanted && !named) {
        groupWarnings.push({ attribute: "targetId", message: "targetId does not name a target in this document; the target above is used", value: wanted });
      }
      const chosen = named ?? target;
      group.targetKey = chosen?.key ?? null;
      group.area = chosen?.area ?? priority?.area ?? null;
    }
    const built = { self, key, keyWarnings, groupWarnings, row: null as unknown as BlockRow };
    built.row = rowFor(self, key, positions[i]!, group, keyWarnings, groupWarnings, owners);
    return built;
  });
}

/**
 * Rebuilds one changed block with its previous key, position and grouping, or returns null when
 * the change moves the grouping (an id, a priority's or target's area, an action's targetId, a
 * type) and the whole order must be walked again.
 */
export function rebuildRow(previous: BuiltBlock, self: BlockSelf, owners: OwnerLookup): BuiltBlock | null {
  const before = previous.self;
  if (self.type !== before.type || self.blockId !== before.blockId || self.rawId !== before.rawId) return null;
  if ((self.type === "priority" || self.type === "target") && (self.attrs as PriorityAttrs).area !== (before.attrs as PriorityAttrs).area) return null;
  if (self.type === "action" && (self.attrs as ActionAttrs).targetId !== (before.attrs as ActionAttrs).targetId) return null;
  const f = previous.row.fields;
  const group = {
    priorityKey: (f.priorityKey as string | null | undefined) ?? null,
    targetKey: (f.targetKey as string | null | undefined) ?? null,
    area: (f.area as string | null | undefined) ?? null,
  };
  const row = rowFor(self, previous.key, previous.row.position, group, previous.keyWarnings, previous.groupWarnings, owners);
  return { ...previous, self, row };
}

function rowFor(
  self: BlockSelf,
  key: string,
  position: number,
  group: { priorityKey: string | null; targetKey: string | null; area: string | null },
  keyWarnings: BlockWarning[],
  groupWarnings: BlockWarning[],
  owners: OwnerLookup,
): BlockRow {
  const ownerWarnings: BlockWarning[] = [];
  const checkOwners = (ids: string[]) => {
    const kept: string[] = [];
    const outsiders: string[] = [];
    const unknown: string[] = [];
    for (const id of ids) {
      const status = owners(id) ?? "unknown";
      if (status === "member") kept.push(id);
      else if (status === "outsider") outsiders.push(id);
      else unknown.push(id);
    }
    if (unknown.length) ownerWarnings.push({ attribute: "owners", message: "some owners are not known users", value: unknown });
    if (outsiders.length) ownerWarnings.push({ attribute: "owners", message: "some owners are not people of this school", value: outsiders });
    return kept;
  };
  let fields: Record<string, unknown>;
  switch (self.type) {
    case "priority":
      fields = { area: (self.attrs as PriorityAttrs).area };
      break;
    case "target": {
      const a = self.attrs as TargetAttrs;
      fields = {
        priorityKey: group.priorityKey, area: a.area, measure: a.measure, baseline: a.baseline, goal: a.goal,
        current: a.current, due: a.due, owners: checkOwners(a.owners), rag: a.rag, outcome: a.outcome, carriedFrom: a.carriedFrom,
      };
      break;
    }
    case "action": {
      const a = self.attrs as ActionAttrs;
      fields = {
        priorityKey: group.priorityKey, targetKey: group.targetKey, findingId: a.findingId, area: group.area,
        owners: checkOwners(a.owners), start: a.start, due: a.due, rag: a.rag, status: a.status, cost: a.cost,
        successCriteria: a.successCriteria, carriedFrom: a.carriedFrom,
      };
      break;
    }
    case "judgement": {
      const a = self.attrs as JudgementAttrs;
      fields = { framework: a.framework, area: a.area, grade: a.grade };
      break;
    }
    case "finding": {
      const a = self.attrs as FindingAttrs;
      fields = { area: a.area, kind: a.kind };
      break;
    }
  }
  return {
    type: self.type,
    key,
    blockId: self.blockId,
    position,
    text: self.text,
    placeholder: self.text === "",
    warnings: [...keyWarnings, ...self.warnings, ...groupWarnings, ...ownerWarnings],
    fields,
  };
}

/** Owner ids a set of blocks mentions, for loading their status before building rows. */
export function ownerIds(selves: Iterable<BlockSelf>): string[] {
  const ids = new Set<string>();
  for (const s of selves) if (s.type === "target" || s.type === "action") for (const o of (s.attrs as TargetAttrs).owners) ids.add(o);
  return [...ids];
}

/** Whether two rows store the same values: true means nothing to write. */
export function sameStoredValues(a: BlockRow, b: BlockRow): boolean {
  return (
    a.type === b.type && a.key === b.key && a.blockId === b.blockId && a.position === b.position && a.text === b.text &&
    a.placeholder === b.placeholder && jsonEqual(a.warnings, b.warnings) && jsonEqual(a.fields, b.fields)
  );
}

/**
 * Equality as jsonb sees it: object key order does not matter and an undefined property is
 * absent. Compared in place rather than through canonical strings, because a full extraction
 * compares a thousand rows and building their strings was most of its time.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined++;
    if (y[k] === undefined || !jsonEqual(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined--;
  return defined === 0;
}
