/**
 * The termly cycle (issue 13): the trust's calendar, half-termly reviews with their snapshots,
 * plans rolled forward, trust settings (flag thresholds) and acknowledged early-warning flags.
 */
import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { documents } from "./documents.js";
import { schools } from "./schools.js";
import { users } from "./users.js";

/**
 * One half term of an academic year: the trust's dates (school_id null), or a school's own
 * dates for that half term, which win over the trust's.
 */
export const calendarHalfTerms = pgTable(
  "calendar_half_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    academicYear: text("academic_year").notNull(),
    schoolId: uuid("school_id").references(() => schools.id, { onDelete: "cascade" }),
    /** autumn-1, autumn-2, spring-1, spring-2, summer-1, summer-2. */
    halfTerm: text("half_term").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calendar_trust_uq").on(t.academicYear, t.halfTerm).where(sql`school_id IS NULL`),
    uniqueIndex("calendar_school_uq").on(t.academicYear, t.schoolId, t.halfTerm).where(sql`school_id IS NOT NULL`),
  ],
);

/** Trust-wide settings a trust admin edits (the early-warning thresholds), one JSON value per key. */
export const trustSettings = pgTable("trust_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What the flags read of a review without opening its items: RAG counts and moves since the previous review. */
export interface ReviewSummary {
  targets: Record<string, number>;
  actions: Record<string, number>;
  /** Targets and actions red at this review and at the previous one. */
  redAgain: number;
  /** Targets and actions whose RAG fell since the previous review. */
  fell: number;
  /** The review compared with (this document's, or the plan it was carried from). */
  previousReviewId: string | null;
  previousHalfTerm: string | null;
}

/** A review point: one document walked at one half term. Closed reviews keep their snapshot. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    academicYear: text("academic_year").notNull(),
    halfTerm: text("half_term").notNull(),
    /** open (the snapshot follows the plan on each update) or closed (frozen). */
    status: text("status").notNull().default("open"),
    summary: jsonb("summary").$type<ReviewSummary>().notNull(),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reviews_document_half_term_uq").on(t.documentId, t.academicYear, t.halfTerm),
    index("reviews_school_idx").on(t.schoolId, t.academicYear, t.halfTerm),
  ],
);

/** One target or action as it stood at a review, with the reviewer's commentary on it. */
export const reviewItems = pgTable(
  "review_items",
  {
    reviewId: uuid("review_id").notNull().references(() => reviews.id, { onDelete: "cascade" }),
    blockKey: text("block_key").notNull(),
    blockId: text("block_id"),
    blockType: text("block_type").notNull(),
    /** The block this one was carried from in an earlier plan, so history reads across terms. */
    carriedFrom: text("carried_from"),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    rag: text("rag").notNull(),
    status: text("status"),
    current: text("current"),
    outcome: text("outcome"),
    due: date("due", { mode: "string" }),
    commentary: text("commentary").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.blockKey] }), index("review_items_block_idx").on(t.blockId)],
);

/** A plan carried into the next term (or year): the link, and the closing summary of the old plan. */
export const planRollForwards = pgTable(
  "plan_roll_forwards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fromDocumentId: uuid("from_document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    toDocumentId: uuid("to_document_id").notNull().references(() => documents.id, { onDelete: "cascade" }).unique(),
    carried: integer("carried").notNull(),
    /** The completed (or met, or dropped) items left behind: the old plan's closing summary. */
    closed: jsonb("closed").$type<{ id: string | null; type: string; text: string; rag: string; status: string | null; outcome: string | null }[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the old plan was archived, on the new plan's approval. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [index("plan_roll_forwards_from_idx").on(t.fromDocumentId)],
);

/** A trust lead's acknowledgement of a flag: quiet while the flag's facts stay the same. Kept as history. */
export const flagAcknowledgements = pgTable(
  "flag_acknowledgements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    rule: text("rule").notNull(),
    /** The facts the flag stood on when acknowledged; a change of facts raises it again. */
    facts: text("facts").notNull(),
    note: text("note").notNull(),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("flag_acknowledgements_school_idx").on(t.schoolId, t.rule, t.acknowledgedAt)],
);
