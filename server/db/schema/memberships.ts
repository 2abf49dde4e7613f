import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { schools } from "./schools.js";
import { users } from "./users.js";

/** A role held by a user: trust-wide when schoolId is null, otherwise for that one school. */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    schoolId: uuid("school_id").references(() => schools.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("memberships_user_idx").on(t.userId),
    index("memberships_school_idx").on(t.schoolId),
    uniqueIndex("memberships_unique_idx").on(t.userId, t.role, sql`coalesce(${t.schoolId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
  ],
);

/** A single-use, expiring link for a new person (or the first admin) to set a password. */
export const invitations = pgTable("invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  tokenHash: text("token_hash").notNull().unique(),
  email: text("email"),
  name: text("name"),
  role: text("role").notNull(),
  schoolId: uuid("school_id").references(() => schools.id, { onDelete: "cascade" }),
  invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
