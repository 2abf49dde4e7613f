import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** People who can sign in. Emails are stored lower-cased; a null password means the invite is not yet accepted. */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
