/** Counters for rate-limiter-flexible's Drizzle store: one row per key, shared by every server process. */
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Points consumed per key (`login:account:<email>`, `login:address:<ip>`) until `expire`. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: timestamp("expire", { withTimezone: true }),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);
