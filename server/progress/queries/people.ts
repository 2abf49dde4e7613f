/** Owner ids to names, for a page of rows at a time. */
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { PersonRef } from "../apiTypes.js";

/** Names of every owner the rows mention, in one query. */
export async function ownerNames(db: Db, rows: readonly { owners: string[] }[]): Promise<(ids: string[]) => PersonRef[]> {
  const ids = [...new Set(rows.flatMap((r) => r.owners))];
  const names = new Map<string, string>();
  if (ids.length) {
    for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))) names.set(u.id, u.name);
  }
  return (owners) => owners.map((id) => ({ id, name: names.get(id) ?? "Unknown person" }));
}
