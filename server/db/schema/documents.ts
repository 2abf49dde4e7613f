import { bigserial, bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { schools } from "./schools.js";
import { users } from "./users.js";
import { bytea } from "./types.js";

/** A plan, SEF, peer review or action plan of one school. Its text lives in the Yjs log below. */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    academicYear: text("academic_year").notNull(),
    term: text("term"),
    framework: text("framework"),
    status: text("status").notNull().default("draft"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("documents_school_idx").on(t.schoolId, t.kind, t.academicYear)],
);

/** The append-only Yjs update log: every accepted update, in order. */
export const documentUpdates = pgTable(
  "document_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentId: uuid("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    update: bytea("update").notNull(),
    userId: uuid("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_updates_doc_idx").on(t.documentId, t.id)],
);

/** The compacted state of a document: everything in the log up to and including `upToId`. */
export const documentSnapshots = pgTable("document_snapshots", {
  documentId: uuid("document_id").primaryKey().references(() => documents.id, { onDelete: "cascade" }),
  state: bytea("state").notNull(),
  upToId: bigint("up_to_id", { mode: "number" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
