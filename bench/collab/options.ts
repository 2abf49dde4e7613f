/** Bench settings: full budgets by default, a short smoke run with BENCH_QUICK=1. */
export const QUICK = process.env.BENCH_QUICK === "1" || process.env.BENCH_QUICK === "true";

/** A Postgres server to run against (a scratch database is created on it), if any. */
export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

/** Durations and sizes of each workload. */
export const settings = {
  fanout: { readers: 50, rate: 20, seconds: QUICK ? 5 : 30, warmupSeconds: QUICK ? 1 : 2 },
  capacity: { connections: QUICK ? 300 : 1500, documents: QUICK ? 100 : 500, rate: QUICK ? 70 : 350, seconds: QUICK ? 5 : 30, warmupSeconds: QUICK ? 1 : 2 },
  durability: { seconds: QUICK ? 2 : 5, documents: 100 },
  coldLoad: { updates: QUICK ? 10_000 : 100_000, loads: QUICK ? 3 : 7 },
};
