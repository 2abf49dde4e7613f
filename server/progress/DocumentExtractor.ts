/**
 * Keeps one open document's progress rows in step with its Y.Doc. Yjs events on the fragment
 * mark the blocks they touch (cheap, on the socket's path); a debounced flush then rebuilds only
 * those blocks and writes only the rows that differ. A change that moves the grouping (a block
 * added, removed or moved, a priority's area, an action's targetId) walks the block order again,
 * from per-element caches, and still writes only what differs.
 */
import * as Y from "yjs";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import {
  blockElements,
  enclosingBlock,
  FRAGMENT_NAME,
  isBlockElement,
  isDeleted,
  readBlockSelf,
  type BlockSelf,
} from "./blockReader.js";
import { buildRows, ownerIds, rebuildRow, sameStoredValues, TRACKED_FIELDS, typeKey, type BlockRow, type BuiltBlock } from "./blockRows.js";
import { writeBlocks, type Attribution, type WriteResult } from "./blockWriter.js";
import type { SchoolPeople } from "./schoolPeople.js";
import { loadStoredRows } from "./storedBlocks.js";
import type { BlockType } from "../../shared/blocks/schema.js";

/** What one flush did, for tests and the benchmark. */
export interface FlushStats extends WriteResult {
  mode: "idle" | "patch" | "walk";
  /** Blocks looked at, and the time spent reading and diffing them (no database time). */
  blocks: number;
  computeMs: number;
}

export interface ExtractorOptions {
  documentId: string;
  schoolId: string;
  doc: Y.Doc;
  db: Db;
  logger: Logger;
  people: SchoolPeople;
  /** A change is written at most this long after it was made (DESIGN: no more than 250 ms). */
  delayMs: number;
  /** Called after a write that changed rows (live trackers and dashboards listen). */
  onWritten?: (stats: FlushStats) => void;
  /**
   * Whether this process extracts the document now (it holds the document's lease). While
   * not, changes are only marked, with their authors, for the day it takes over. Default: always.
   */
  leased?: () => boolean;
}

interface BlockAttribution {
  block: Attribution;
  fields: Map<string, Attribution>;
}

interface Pending {
  dirty: Set<Y.XmlElement>;
  structural: boolean;
  attributions: Map<Y.XmlElement, BlockAttribution>;
  lastStructural: Attribution | null;
}

interface Plan {
  mode: "patch" | "walk";
  blocks: number;
  upserts: BlockRow[];
  deletes: { type: BlockType; key: string }[];
  built: Map<string, BuiltBlock>;
  keys: Map<Y.XmlElement, string>;
  missingOwners: string[];
}

const MAX_RETRY_MS = 30_000;

/** The element and every element inside it that is a block. */
function* blocksWithin(element: Y.XmlElement): Generator<Y.XmlElement> {
  if (isBlockElement(element)) yield element;
  for (const child of element.toArray()) if (child instanceof Y.XmlElement) yield* blocksWithin(child);
}

/** The user behind a transaction origin: the room server's UpdateOrigin, or null. */
function originUser(origin: unknown): string | null {
  const userId = (origin as { userId?: unknown } | null)?.userId;
  return typeof userId === "string" ? userId : null;
}

/** Extraction for one open document. */
export class DocumentExtractor {
  readonly documentId: string;
  readonly schoolId: string;
  private readonly fragment: Y.XmlFragment;
  private pending: Pending = { dirty: new Set(), structural: true, attributions: new Map(), lastStructural: null };
  /** The rows as stored, live ones only, by typeKey; null until first read from the database. */
  private stored: Map<string, BlockRow> | null = null;
  private built = new Map<string, BuiltBlock>();
  private keyOf = new WeakMap<Y.XmlElement, string>();
  private readonly selves = new WeakMap<Y.XmlElement, BlockSelf>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<FlushStats> | null = null;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: ExtractorOptions) {
    this.documentId = options.documentId;
    this.schoolId = options.schoolId;
    this.fragment = options.doc.getXmlFragment(FRAGMENT_NAME);
  }

  /** Starts observing, and schedules the first (full) extraction at once. */
  start(): void {
    this.fragment.observeDeep(this.onEvents);
    this.schedule(0);
  }

  /** Stops observing and writes what is still pending. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fragment.unobserveDeep(this.onEvents);
    while (this.running) await this.running.catch(() => undefined);
    if (this.hasPending() && this.leased()) await this.run().catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Writes everything pending now, without waiting for the debounce; resolves when stored. */
  async flush(): Promise<FlushStats> {
    while (this.running) await this.running.catch(() => undefined);
    if (!this.hasPending() || !this.leased()) return { mode: "idle", blocks: 0, computeMs: 0, written: 0, deleted: 0, history: 0 };
    return this.run();
  }

  /**
   * The lease came to this process (its holder let go or died): what is stored is whatever
   * the last holder wrote, so read it afresh and compare the whole document with it. The
   * authors of changes seen meanwhile are still marked, so they are kept.
   */
  takeOver(): void {
    if (this.closed) return;
    if (this.running) {
      // The run in flight holds the old baseline; start afresh once it is done.
      void this.running.catch(() => undefined).then(() => this.takeOver());
      return;
    }
    this.stored = null;
    this.pending.structural = true;
    this.schedule(0);
  }

  private leased(): boolean {
    return this.options.leased?.() ?? true;
  }

  private hasPending(): boolean {
    return this.pending.structural || this.pending.dirty.size > 0;
  }

  /** Runs inside Yjs's transaction cleanup: only marks what changed, never reads or writes rows. */
  private readonly onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction): void => {
    const at: Attribution = { userId: originUser(tx.origin), at: new Date() };
    const p = this.pending;
    for (const event of events) {
      const target = event.target as Y.AbstractType<unknown>;
      const block = enclosingBlock(target);
      if (block) {
        p.dirty.add(block);
        this.selves.delete(block);
        const mine = p.attributions.get(block) ?? { block: at, fields: new Map() };
        mine.block = at;
        if (target === block) {
          const tracked = TRACKED_FIELDS[block.nodeName as BlockType] ?? [];
          for (const name of (event as Y.YXmlEvent).attributesChanged) if (tracked.includes(name)) mine.fields.set(name, at);
        }
        p.attributions.set(block, mine);
        continue;
      }
      // Typing in a paragraph touches no block; adding or removing nodes may add, remove or move blocks.
      if (target instanceof Y.XmlText) continue;
      if ((event as unknown as { childListChanged: boolean }).childListChanged) {
        p.structural = true;
        p.lastStructural = at;
        // A new block's first values are its author's, not those of whoever last changed the
        // structure in the same window (two people adding actions at once).
        for (const item of event.changes.added) {
          const added = (item.content as { type?: unknown }).type;
          if (added instanceof Y.XmlElement) for (const block of blocksWithin(added)) p.attributions.set(block, { block: at, fields: new Map() });
        }
      }
    }
    if (this.hasPending()) this.schedule();
  };

  private schedule(delay = this.options.delayMs): void {
    // The window opens with the first change and is not pushed back by later ones, so steady typing still lands on time.
    if (this.closed || this.timer || this.running || !this.leased()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Yjs holds structs whose predecessors it lacks apart, and may already have applied their
      // deletions (an attribute's old value gone, its new one waiting): that state never existed
      // anywhere, so it is not written; the gap is filled (a resync or the relay's catch-up) first.
      if (this.options.doc.store.pendingStructs || this.options.doc.store.pendingDs) return this.schedule();
      // The lease may have gone since this was scheduled (its session lost): then the next holder writes.
      if (!this.running && this.leased()) this.run().catch(() => undefined);
    }, delay);
  }

  private run(): Promise<FlushStats> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const running = this.extract().finally(() => {
      this.running = null;
      if (this.hasPending()) this.schedule(this.failures ? Math.min(MAX_RETRY_MS, this.options.delayMs * 2 ** this.failures) : undefined);
    });
    this.running = running;
    return running;
  }

  private async extract(): Promise<FlushStats> {
    const taken = this.pending;
    this.pending = { dirty: new Set(), structural: false, attributions: new Map(), lastStructural: null };
    try {
      if (!this.stored) {
        this.stored = await this.loadBaseline();
        this.absorb(taken);
      }
      let started = performance.now();
      let plan = this.plan(taken);
      // Owner ids never seen before are looked up once, then the plan is made again with their answers.
      for (let attempt = 0; plan.missingOwners.length && attempt < 2; attempt++) {
        await this.options.people.load(plan.missingOwners);
        this.absorb(taken);
        started = performance.now();
        plan = this.plan(taken);
      }
      const computeMs = performance.now() - started;
      const attributionOf = this.attributionsByKey(taken, plan.keys);
      const result = await writeBlocks(this.options.db, {
        documentId: this.documentId,
        schoolId: this.schoolId,
        upserts: plan.upserts,
        deletes: plan.deletes,
        attribution: (tk, field) => {
          const a = attributionOf.get(tk);
          return (field ? a?.fields.get(field) : undefined) ?? a?.block ?? taken.lastStructural;
        },
      });
      this.commit(plan);
      this.failures = 0;
      const stats: FlushStats = { mode: plan.mode, blocks: plan.blocks, computeMs, ...result };
      if (result.written || result.deleted) this.options.onWritten?.(stats);
      return stats;
    } catch (err) {
      this.failures++;
      this.restore(taken);
      this.options.logger.error("progress: extraction failed", { documentId: this.documentId, err: String((err as Error)?.stack ?? err) });
      throw err;
    }
  }

  private async loadBaseline(): Promise<Map<string, BlockRow>> {
    const rows = await loadStoredRows(this.options.db, this.documentId);
    const live = new Map<string, BlockRow>();
    for (const [tk, row] of rows) if (row.deletedAt === null) live.set(tk, row);
    return live;
  }

  /** Decides what to write: rebuild the touched blocks, or walk the order when grouping may have moved. */
  private plan(taken: Pending): Plan {
    if (!taken.structural) {
      const patched = this.patch(taken.dirty);
      if (patched) return patched;
    }
    return this.walk();
  }

  private patch(dirty: Set<Y.XmlElement>): Plan | null {
    const built = new Map<string, BuiltBlock>();
    const upserts: BlockRow[] = [];
    const selves: BlockSelf[] = [];
    const lookup = this.options.people.lookup;
    for (const element of dirty) {
      if (isDeleted(element)) return null;
      const tk = this.keyOf.get(element);
      const previous = tk ? this.built.get(tk) : undefined;
      if (!tk || !previous || !isBlockElement(element)) return null;
      const self = this.selfOf(element);
      selves.push(self);
      const next = rebuildRow(previous, self, lookup);
      if (!next) return null;
      built.set(tk, next);
      if (!this.sameAsStored(tk, next.row)) upserts.push(next.row);
    }
    const missingOwners = this.options.people.missing(ownerIds(selves));
    return { mode: "patch", blocks: dirty.size, upserts, deletes: [], built, keys: new Map(), missingOwners };
  }

  private walk(): Plan {
    const elements = blockElements(this.fragment);
    const selves = elements.map((e) => this.selfOf(e));
    const oldPositions = new Map<string, number>();
    for (const [tk, row] of this.stored!) oldPositions.set(tk, row.position);
    const list = buildRows(selves, oldPositions, this.options.people.lookup);
    const built = new Map<string, BuiltBlock>();
    const keys = new Map<Y.XmlElement, string>();
    const upserts: BlockRow[] = [];
    list.forEach((b, i) => {
      const tk = typeKey(b.row.type, b.key);
      built.set(tk, b);
      keys.set(elements[i]!, tk);
      if (!this.sameAsStored(tk, b.row)) upserts.push(b.row);
    });
    const deletes: { type: BlockType; key: string }[] = [];
    for (const [tk, row] of this.stored!) if (!built.has(tk)) deletes.push({ type: row.type, key: row.key });
    const missingOwners = this.options.people.missing(ownerIds(selves));
    return { mode: "walk", blocks: elements.length, upserts, deletes, built, keys, missingOwners };
  }

  private selfOf(element: Y.XmlElement): BlockSelf {
    let self = this.selves.get(element);
    if (!self) {
      self = readBlockSelf(element);
      this.selves.set(element, self);
    }
    return self;
  }

  private sameAsStored(tk: string, row: BlockRow): boolean {
    const stored = this.stored!.get(tk);
    return stored !== undefined && sameStoredValues(stored, row);
  }

  /** After a successful write, the plan's rows are what is stored. */
  private commit(plan: Plan): void {
    if (plan.mode === "walk") {
      this.built = plan.built;
      this.keyOf = new WeakMap(plan.keys);
    } else {
      for (const [tk, b] of plan.built) this.built.set(tk, b);
    }
    for (const row of plan.upserts) this.stored!.set(typeKey(row.type, row.key), row);
    for (const d of plan.deletes) this.stored!.delete(typeKey(d.type, d.key));
  }

  /**
   * The plan reads the doc as it is when it runs: edits that arrived while this run awaited the
   * database join it, so they are written with their authors rather than anonymously.
   */
  private absorb(taken: Pending): void {
    const p = this.pending;
    for (const e of p.dirty) taken.dirty.add(e);
    taken.structural ||= p.structural;
    for (const [e, a] of p.attributions) {
      const prior = taken.attributions.get(e);
      taken.attributions.set(e, prior ? { block: a.block, fields: new Map([...prior.fields, ...a.fields]) } : a);
    }
    taken.lastStructural = p.lastStructural ?? taken.lastStructural;
    this.pending = { dirty: new Set(), structural: false, attributions: new Map(), lastStructural: null };
  }

  /** A failed write is retried as a full walk, keeping who made the changes. */
  private restore(taken: Pending): void {
    const p = this.pending;
    p.structural = true;
    for (const e of taken.dirty) p.dirty.add(e);
    for (const [e, a] of taken.attributions) if (!p.attributions.has(e)) p.attributions.set(e, a);
    p.lastStructural ??= taken.lastStructural;
  }

  private attributionsByKey(taken: Pending, keys: Map<Y.XmlElement, string>): Map<string, BlockAttribution> {
    const out = new Map<string, BlockAttribution>();
    for (const [element, a] of taken.attributions) {
      const tk = keys.get(element) ?? this.keyOf.get(element);
      if (tk) out.set(tk, a);
    }
    return out;
  }
}
