import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { documents } from "./documents.js";
import { schools } from "./schools.js";
import { users } from "./users.js";
import { bytea } from "./types.js";

/** A named, read-only version of a document: its Yjs state and extracted blocks at approval. */
export const documentVersions = pgTable(
  "document_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Who approved it: `lgb` (local governing board) or `trust_board`. */
    approvalBody: text("approval_body").notNull(),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedOn: date("approved_on").notNull(),
    /** The board minute that records the decision, such as "LGB 2026/11 item 4". */
    minuteReference: text("minute_reference"),
    /** Open comment threads and unresolved block warnings when it was approved, so approving over a challenge is on record. */
    openThreads: integer("open_threads").notNull().default(0),
    openWarnings: integer("open_warnings").notNull().default(0),
    state: bytea("state").notNull(),
    blocks: jsonb("blocks").$type<unknown[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_versions_doc_idx").on(t.documentId, t.createdAt)],
);

/** A comment thread anchored to text by two encoded Y.RelativePositions (base64). */
export const commentThreads = pgTable(
  "comment_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    anchorFrom: text("anchor_from").notNull(),
    anchorTo: text("anchor_to").notNull(),
    /** The words selected when the thread started, shown if the text is later removed. */
    quote: text("quote").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("comment_threads_doc_idx").on(t.documentId, t.createdAt)],
);

/** One entry in a thread: the opening comment or a reply. Deletion is soft, so the thread's shape survives. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id").notNull().references(() => commentThreads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("comments_thread_idx").on(t.threadId, t.createdAt)],
);

/** In-app notifications: a badge and a list, each linking to the exact place; email follows the person's preference. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    documentId: uuid("document_id").references(() => documents.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id").references(() => commentThreads.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    excerpt: text("excerpt").notNull().default(""),
    /** One line saying what happened; empty for rows written before titles existed. */
    title: text("title").notNull().default(""),
    /** The client path of the exact place (a thread, a block, a school page). */
    link: text("link"),
    /** How it reaches the person beyond the app: `app`, `email` or `digest` (their preference at the time). */
    delivery: text("delivery").notNull().default("app"),
    /** When a daily digest included it, so no digest repeats it. */
    digestedAt: timestamp("digested_at", { withTimezone: true }),
    /** Keeps a reminder (due soon, overdue, check-in due) to one per person per thing per day. */
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("notifications_dedupe_idx").on(t.userId, t.dedupeKey),
  ],
);

/** Support meetings held with a school (CEO 1:1s, health checks), to show what is due next. */
export const schoolCheckins = pgTable(
  "school_checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    heldOn: date("held_on").notNull(),
    notes: text("notes").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("school_checkins_school_idx").on(t.schoolId, t.heldOn)],
);
