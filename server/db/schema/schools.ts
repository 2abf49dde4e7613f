import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/** An academy: the main access boundary. */
export const schools = pgTable("schools", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  phase: text("phase").notNull(),
  urn: text("urn"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The trust's tier scheme: names, order and support cadence are data a trust admin can edit. */
export const tiers = pgTable("tiers", {
  level: integer("level").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  ceoOneToOneWeeks: integer("ceo_one_to_one_weeks").notNull(),
  healthChecksPerYear: integer("health_checks_per_year").notNull(),
});

/** Every tier a school has held; the current tier is the latest row. */
export const schoolTiers = pgTable(
  "school_tiers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    tier: integer("tier").notNull().references(() => tiers.level),
    reason: text("reason").notNull(),
    setBy: uuid("set_by").references(() => users.id, { onDelete: "set null" }),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("school_tiers_school_idx").on(t.schoolId, t.setAt)],
);
