/**
 * The trust dashboard with its flags, kept per school and rebuilt only where something moved.
 * Every read asks the database for each school's stamp (dashboardStamps.ts): one query, 60 rows.
 * Equal stamps answer with the last body; a school whose stamp moved has its row, its own flag
 * facts and its plans read again, alone (a few schools in one statement, schoolSnapshot.ts); a
 * trust-wide change (thresholds, calendar, acknowledgements) reloads only that fact, and a plan
 * edit every plan's last edit (not a range of log ids since the last read: with several
 * processes each reserves its ids ahead, so a lower id can commit after a higher one was read);
 * the rules then run again where an input changed. The
 * stamps are read from the database before the facts, so every server process sees every other's
 * writes and what is kept is never older than its stamp. A new day rebuilds everything once:
 * overdue counts and school days move at midnight even when no row does.
 */
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { loadCalendarsForSchools } from "../calendar/calendarStore.js";
import type { Db } from "../db/client.js";
import type { TrustSchoolRow } from "../progress/apiTypes.js";
import { assembleDashboard, dashboardRows, type SchoolRedArea } from "../progress/queries/trustDashboard.js";
import { loadSchoolStamps, type DashboardStamps } from "./dashboardStamps.js";
import { loadAcknowledgements, loadFlagFacts, loadPlanFacts, type PlanFact } from "./flagFacts.js";
import { loadSchoolSnapshot } from "./schoolSnapshot.js";
import { acksBySchool, flagsOf, flagYears, loadOwnFacts, type OwnFacts, plansBySchool, type SharedFacts } from "./schoolFlags.js";
import { loadThresholds } from "./thresholds.js";

export { dashboardStampsSql as dashboardVersionSql } from "./dashboardStamps.js";

/** One school as last computed, under the stamp read before its rows. */
interface SchoolEntry {
  stamp: string;
  row: TrustSchoolRow;
  reds: SchoolRedArea[];
  own: OwnFacts;
  /** What its flags were computed from, to tell when they must run again. */
  inputs?: unknown[];
  /** The row with its flags, serialised. */
  json?: string;
}

interface State {
  key: string;
  today: string;
  stamps: DashboardStamps;
  schools: Map<string, SchoolEntry>;
  shared: SharedFacts;
  /** The response body, serialised once. */
  body: string;
  /** The body gzipped, made on the first read that takes gzip and kept with it. */
  gzipped?: Promise<Buffer>;
}

// Per database, so a test's closed database takes its entry with it.
const last = new WeakMap<Db, State>();
const computing = new WeakMap<Db, { key: string; state: Promise<State> }>();

/** Reads answered, computations made, and schools rebuilt, for the benchmark to tell hits from misses. */
export const dashboardCacheStats = { reads: 0, computed: 0, schoolsRebuilt: 0 };

const gzipAsync = promisify(gzip);

/** JSON with Maps as their entries, to compare facts by value. */
const serialise = (value: unknown) => JSON.stringify(value, (_key, v) => (v instanceof Map ? [...v] : v));

const keyOf = (today: string, stamps: DashboardStamps) =>
  `${today}|${Object.values(stamps.trust).join("|")}|${stamps.schools.map((s) => `${s.id}=${s.stamp}`).join(",")}`;

/** The key the dashboard is cached under on `today`. */
export async function dashboardKey(db: Db, today: string): Promise<string> {
  return keyOf(today, await loadSchoolStamps(db));
}

/** At most this many schools moved are read in one statement each (schoolSnapshot.ts); more take the grouped queries. */
const SNAPSHOT_SCHOOLS = 8;

/** The next state from the last one: schools whose stamps moved are read again, and the trust-wide facts that moved. */
async function update(db: Db, prev: State | undefined, stamps: DashboardStamps, key: string, today: string): Promise<State> {
  const all = !prev || prev.today !== today || prev.stamps.trust.tiers !== stamps.trust.tiers;
  const changed = stamps.schools.filter((s) => all || prev.schools.get(s.id)?.stamp !== s.stamp).map((s) => s.id);
  const trustMoved = (part: keyof DashboardStamps["trust"]) => all || prev.stamps.trust[part] !== stamps.trust[part];
  const newSchool = !!prev && stamps.schools.some((s) => !prev.schools.has(s.id));
  const ids = stamps.schools.map((s) => s.id);
  // The whole trust in grouped queries when most schools moved; the moved ones alone otherwise.
  const only = all || changed.length > ids.length / 2 ? undefined : changed;

  // A few schools in one statement (schoolSnapshot.ts); when it cannot answer, or many moved, the
  // grouped queries, all at once (PostgreSQL runs them side by side).
  const few = !!only && only.length <= SNAPSHOT_SCHOOLS;
  const snapshot = few ? loadSchoolSnapshot(db, today, only) : null;
  const allPlans = trustMoved("plans");
  const trustFacts = Promise.all([
    allPlans ? loadPlanFacts(db) : null,
    trustMoved("settings") ? loadThresholds(db) : null,
    trustMoved("calendar") || newSchool ? loadCalendarsForSchools(db, flagYears(today), ids) : null,
    trustMoved("acks") ? loadAcknowledgements(db) : null,
  ]);
  // Settled now, so a failure of one does not leave the others' rejections unheard.
  trustFacts.catch(() => undefined);
  snapshot?.catch(() => undefined);
  let read = snapshot && (await snapshot);
  if (!read && changed.length) {
    // Only the open areas wait for the rows' SEF grades.
    const facts = loadFlagFacts(db, today, only);
    facts.catch(() => undefined);
    const schoolPlans = allPlans ? Promise.resolve([]) : loadPlanFacts(db, only);
    schoolPlans.catch(() => undefined);
    const built = await dashboardRows(db, today, only);
    read = { ...built, own: await loadOwnFacts(db, built.rows, today, only, facts), plans: await schoolPlans };
  }
  const built = read ?? { rows: [], reds: [], own: new Map<string, OwnFacts>(), plans: [] };
  const own = built.own;
  const [plans, thresholds, calendars, acks] = await trustFacts;

  const schools = new Map<string, SchoolEntry>();
  const reds = new Map<string, SchoolRedArea[]>();
  for (const r of built.reds) reds.set(r.schoolId, [...(reds.get(r.schoolId) ?? []), r]);
  const rebuilt = new Map(built.rows.map((r) => [r.id, r]));
  for (const s of stamps.schools) {
    const row = rebuilt.get(s.id);
    const kept = prev?.schools.get(s.id);
    // A school that moved but has no row was deleted after its stamp was read: the next read drops it.
    if (row) schools.set(s.id, { stamp: s.stamp, row, reds: reds.get(s.id) ?? [], own: own.get(s.id)! });
    else if (kept && !changed.includes(s.id)) schools.set(s.id, kept);
  }
  // A trust-wide fact read again but equal to the last keeps the last object, so the rules need not run again.
  const same = <T>(fresh: T | null, kept: T | undefined): T => (fresh === null || (kept !== undefined && serialise(fresh) === serialise(kept)) ? kept! : fresh);
  let planMap = prev?.shared.plans ?? new Map<string, PlanFact[]>();
  if (plans || changed.length) {
    planMap = new Map(planMap);
    if (plans && allPlans) {
      const fresh = plansBySchool(plans);
      for (const id of ids) planMap.set(id, same(fresh.get(id) ?? [], planMap.get(id)));
    }
    // The schools read again bring their own plans, newer than any kept.
    if (!allPlans) {
      const fresh = plansBySchool(built.plans);
      for (const id of changed) planMap.set(id, same(fresh.get(id) ?? [], planMap.get(id)));
    }
    for (const id of planMap.keys()) if (!schools.has(id)) planMap.delete(id);
  }
  const shared: SharedFacts = {
    plans: planMap,
    thresholds: same(thresholds, prev?.shared.thresholds),
    calendars: same(calendars, prev?.shared.calendars),
    acks: same(acks && acksBySchool(acks), prev?.shared.acks),
  };
  const parts: string[] = [];
  for (const entry of schools.values()) {
    const id = entry.row.id;
    const inputs = [entry.own, shared.plans.get(id), shared.thresholds, shared.calendars, shared.acks];
    if (!entry.json || entry.inputs?.some((x, i) => x !== inputs[i])) {
      entry.inputs = inputs;
      entry.json = JSON.stringify({ ...entry.row, flags: flagsOf(entry.row, entry.own, shared, today) });
    }
    parts.push(entry.json);
  }
  // The rows as kept, then the trust's totals added up from them (the shape assembleDashboard gives).
  const { schools: _, ...rest } = assembleDashboard([...schools.values()].map((e) => e.row), [...schools.values()].flatMap((e) => e.reds));
  const tail = JSON.stringify(rest);
  const body = `{"schools":[${parts.join(",")}],${tail.slice(1)}`;
  dashboardCacheStats.computed++;
  dashboardCacheStats.schoolsRebuilt += changed.length;
  return { key, today, stamps, schools, shared, body };
}

/**
 * `GET /api/dashboard/trust`'s body as JSON text. Requests that arrive while one with the same
 * stamps is computing share it; a failed computation is not kept, so the next read tries again.
 */
export async function trustDashboardBody(db: Db, today: string): Promise<string> {
  return (await currentState(db, today)).body;
}

/**
 * The same body gzipped, kept with it: compressing 190 kB of JSON on every read cost more than
 * answering it. Fastest level, on the thread pool: a cold read waits for it.
 */
export async function trustDashboardGzip(db: Db, today: string): Promise<Buffer> {
  const state = await currentState(db, today);
  state.gzipped ??= gzipAsync(state.body, { level: 1 });
  return state.gzipped;
}

async function currentState(db: Db, today: string): Promise<State> {
  const stamps = await loadSchoolStamps(db);
  const key = keyOf(today, stamps);
  dashboardCacheStats.reads++;
  const kept = last.get(db);
  if (kept?.key === key) return kept;
  const running = computing.get(db);
  if (running?.key === key) return running.state;
  const state = update(db, kept, stamps, key, today);
  const entry = { key, state };
  computing.set(db, entry);
  try {
    const done = await state;
    // A slower, older computation must not replace a newer one.
    if (last.get(db) === kept) last.set(db, done);
    return done;
  } finally {
    if (computing.get(db) === entry) computing.delete(db);
  }
}
