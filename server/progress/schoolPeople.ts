/**
 * Whether an owner id names one of a school's people. Trust-wide staff count as the school's
 * people too (they own actions in trust-led plans). Answers are cached for a minute, and only
 * ids not yet known are looked up, so a flush rarely queries at all.
 */
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { memberships, users } from "../db/schema/index.js";
import type { OwnerLookup, OwnerStatus } from "./blockRows.js";

const TTL_MS = 60_000;

/** The owner statuses of one school, loaded on demand. */
export class SchoolPeople {
  private readonly known = new Map<string, { status: OwnerStatus; at: number }>();

  constructor(
    private readonly db: Db,
    readonly schoolId: string,
  ) {}

  /** The lookup rows are built with; undefined for ids still to load (or whose answer went stale). */
  readonly lookup: OwnerLookup = (id) => {
    const hit = this.known.get(id);
    return hit && Date.now() - hit.at < TTL_MS ? hit.status : undefined;
  };

  /** The ids among `ids` the lookup cannot answer yet. */
  missing(ids: Iterable<string>): string[] {
    return [...ids].filter((id) => this.lookup(id) === undefined);
  }

  /** Loads the status of each id: one query for the users and their memberships. */
  async load(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const rows = await this.db
      .select({ id: users.id, schoolId: memberships.schoolId, role: memberships.role })
      .from(users)
      .leftJoin(memberships, eq(memberships.userId, users.id))
      .where(inArray(users.id, [...ids]));
    const now = Date.now();
    for (const id of ids) this.known.set(id, { status: "unknown", at: now });
    for (const r of rows) {
      const member = r.role !== null && (r.schoolId === null || r.schoolId === this.schoolId);
      const prior = this.known.get(r.id)!.status;
      this.known.set(r.id, { status: member || prior === "member" ? "member" : "outsider", at: now });
    }
  }
}
