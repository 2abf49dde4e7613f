/**
 * Progress data extracted from the documents' structured blocks (DESIGN sections 4 and 6).
 * Nobody edits these tables: the documents are the source, and `npm run progress:reextract`
 * rebuilds them. Each row is keyed by (document, block key): the key is the block's id, except
 * for a later block repeating an id already seen, whose key adds its Yjs item id, so two blocks
 * never merge into one row.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { BlockWarning } from "../../../shared/blocks/schema.js";
import { documents } from "./documents.js";
import { schools } from "./schools.js";

/** Live, counted rows: not deleted from the document and not an empty placeholder. */
const live = sql`deleted_at IS NULL AND NOT placeholder`;

/** The columns every block table shares; a function, so each table gets its own builders. */
function blockColumns() {
  return {
    documentId: uuid("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    /** The block id, or for a repeated id `<id>:<client>.<clock>`; `item:<client>.<clock>` when the block has no id. */
    blockKey: text("block_key").notNull(),
    /** The id attribute as the document holds it (null when missing or not a UUID). */
    blockId: text("block_id"),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    /** Document order among the structured blocks; gaps are left so an insertion rewrites one row. */
    position: doublePrecision("position").notNull(),
    text: text("text").notNull().default(""),
    /** Empty text: shown in the document, never counted in progress data. */
    placeholder: boolean("placeholder").notNull().default(false),
    warnings: jsonb("warnings").$type<BlockWarning[]>().notNull().default([]),
    /** The last person whose edit changed this row (null for server-made changes). */
    updatedBy: uuid("updated_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  };
}

/** `priority` blocks: the plan's headline priorities, each for a framework area. */
export const priorities = pgTable(
  "priorities",
  { ...blockColumns(), area: text("area") },
  (t) => [
    primaryKey({ columns: [t.documentId, t.blockKey] }),
    index("priorities_school_idx").on(t.schoolId, t.updatedAt),
  ],
);

/** `target` blocks, grouped under the nearest priority above them. */
export const targets = pgTable(
  "targets",
  {
    ...blockColumns(),
    priorityKey: text("priority_key"),
    area: text("area"),
    measure: text("measure").notNull().default(""),
    baseline: text("baseline").notNull().default(""),
    goal: text("goal").notNull().default(""),
    current: text("current").notNull().default(""),
    due: date("due", { mode: "string" }),
    owners: uuid("owners").array().notNull().default(sql`'{}'::uuid[]`),
    rag: text("rag").notNull().default("none"),
    outcome: text("outcome"),
    /** The block id this target was carried from, in the plan it was rolled forward from. */
    carriedFrom: uuid("carried_from"),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.blockKey] }),
    index("targets_school_live_idx").on(t.schoolId, t.rag, t.area).where(live),
    index("targets_school_idx").on(t.schoolId, t.updatedAt),
  ],
);

/** `action` blocks: owned, dated, RAG-rated work under a priority and (usually) a target. */
export const actions = pgTable(
  "actions",
  {
    ...blockColumns(),
    priorityKey: text("priority_key"),
    /** The target it belongs to: `targetId` when that names a target of this document, else the nearest above. */
    targetKey: text("target_key"),
    findingId: uuid("finding_id"),
    /** The area of its target, else of its priority: actions carry none of their own. */
    area: text("area"),
    owners: uuid("owners").array().notNull().default(sql`'{}'::uuid[]`),
    start: date("start", { mode: "string" }),
    due: date("due", { mode: "string" }),
    rag: text("rag").notNull().default("none"),
    status: text("status").notNull().default("not_started"),
    cost: text("cost").notNull().default(""),
    successCriteria: text("success_criteria").notNull().default(""),
    /** The block id this action was carried from, in the plan it was rolled forward from. */
    carriedFrom: uuid("carried_from"),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.blockKey] }),
    // The trust dashboard's one pass over every live action, index-only; also serves ?schoolId=.
    index("actions_dashboard_idx").on(t.schoolId, t.rag, t.status, t.due, t.area, t.documentId).where(live),
    index("actions_owners_idx").using("gin", t.owners).where(live),
    // The tracker's order (open first, soonest due, nulls last as ascending does): a trust-wide first page reads 50 rows.
    index("actions_order_idx").on(sql`(status = 'complete')`, t.due, t.schoolId, t.documentId, t.position).where(live),
    index("actions_school_idx").on(t.schoolId, t.updatedAt),
  ],
);

/** `judgement` blocks: a SEF's grade for one area, on its own framework's scale. */
export const judgements = pgTable(
  "judgements",
  {
    ...blockColumns(),
    framework: text("framework"),
    area: text("area"),
    grade: text("grade"),
    /** When the grade last changed: the latest graded judgement per area is the school's current one. */
    gradedAt: timestamp("graded_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.blockKey] }),
    index("judgements_latest_idx").on(t.schoolId, t.framework, t.area, t.gradedAt).where(sql`deleted_at IS NULL AND grade IS NOT NULL`),
    index("judgements_school_idx").on(t.schoolId, t.updatedAt),
  ],
);

/** `finding` blocks: a peer review's strengths and areas for development. */
export const findings = pgTable(
  "findings",
  { ...blockColumns(), area: text("area"), kind: text("kind").notNull().default("development") },
  (t) => [
    primaryKey({ columns: [t.documentId, t.blockKey] }),
    index("findings_school_idx").on(t.schoolId, t.updatedAt),
  ],
);

/** Every change of `rag`, `status`, `grade` or `current`: history, never an overwrite. */
export const statusHistory = pgTable(
  "status_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentId: uuid("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    blockKey: text("block_key").notNull(),
    blockId: text("block_id"),
    blockType: text("block_type").notNull(),
    field: text("field").notNull(),
    /** null when the block first appeared with this value. */
    oldValue: text("old_value"),
    newValue: text("new_value"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** Whose connection sent the change; null for server-made changes and re-extraction. */
    changedBy: uuid("changed_by"),
  },
  (t) => [
    index("status_history_block_idx").on(t.documentId, t.blockKey, t.field, t.changedAt),
    // The academy card reads one school's target RAG changes in time order.
    index("status_history_school_idx").on(t.schoolId, t.blockType, t.field, t.changedAt),
  ],
);

/**
 * Per-document totals of the live actions and targets, rebuilt by the extractor in the same
 * transaction as any write that changes a count. The trust dashboard and the academy card add
 * these up, so their cost grows with documents, not with actions. Overdue depends on the day:
 * it is counted for `countedOn`, and still holds while no open action falls due before today
 * (`nextDue` is the earliest open due date from `countedOn` on).
 */
export const documentRollups = pgTable(
  "document_rollups",
  {
    documentId: uuid("document_id").primaryKey().references(() => documents.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    actionsTotal: integer("actions_total").notNull().default(0),
    actionsRed: integer("actions_red").notNull().default(0),
    actionsAmber: integer("actions_amber").notNull().default(0),
    actionsGreen: integer("actions_green").notNull().default(0),
    actionsBlue: integer("actions_blue").notNull().default(0),
    actionsNone: integer("actions_none").notNull().default(0),
    actionsNotStarted: integer("actions_not_started").notNull().default(0),
    actionsInProgress: integer("actions_in_progress").notNull().default(0),
    actionsComplete: integer("actions_complete").notNull().default(0),
    actionsDropped: integer("actions_dropped").notNull().default(0),
    actionsOverdue: integer("actions_overdue").notNull().default(0),
    countedOn: date("counted_on", { mode: "string" }).notNull(),
    nextDue: date("next_due", { mode: "string" }),
    /**
     * The overdue actions of `actionsOverdue` by RAG, each with its oldest due date, as counted on
     * `countedOn`: the early-warning flags read these instead of the actions. Null until counted.
     */
    overdueByRag: jsonb("overdue_by_rag").$type<Record<string, { n: number; oldest: string }>>(),
    /** The areas with an open action (neither complete nor dropped), sorted: the SEF flag reads these. Null until counted. */
    openAreas: jsonb("open_areas").$type<string[]>(),
    targetsTotal: integer("targets_total").notNull().default(0),
    targetsRed: integer("targets_red").notNull().default(0),
    targetsAmber: integer("targets_amber").notNull().default(0),
    targetsGreen: integer("targets_green").notNull().default(0),
    targetsBlue: integer("targets_blue").notNull().default(0),
    targetsNone: integer("targets_none").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_rollups_school_idx").on(t.schoolId)],
);

/** Red actions and targets per area of each document: the dashboard's "most often red" areas. */
export const rollupRedAreas = pgTable(
  "rollup_red_areas",
  {
    documentId: uuid("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    blockType: text("block_type").notNull(),
    area: text("area").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.blockType, t.area] })],
);
