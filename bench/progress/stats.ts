/** Small helpers for the progress benchmarks: percentiles, formatting and budget ratios. */

/** The p-th percentile (0 to 100) of the samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** One figure against its budget, printed as `label  value unit  (budget b, ratio r)`. */
export function report(label: string, value: number, unit: string, budget?: number): void {
  const ratio = budget ? `  budget ${budget} ${unit}, ratio ${fmt(value / budget)}${value <= budget ? "" : "  OVER BUDGET"}` : "";
  console.log(`  ${label.padEnd(58)} ${fmt(value).padStart(9)} ${unit}${ratio}`);
}

/** Whether to run a short smoke version (BENCH_QUICK=1). */
export const QUICK = process.env.BENCH_QUICK === "1";

/** The PostgreSQL server for the PostgreSQL runs (a database is created in it and dropped). */
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
