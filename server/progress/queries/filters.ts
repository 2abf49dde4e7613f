/** The query strings of the progress lists, validated with zod, and what they mean in SQL. */
import { z } from "zod";
import { ACTION_STATUSES, RAGS } from "../../../shared/enums.js";
import { ALL_AREA_KEYS } from "../../../shared/frameworks/index.js";

/** A comma-separated list of enum values: `rag=red,amber`. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(",").map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1, "Give at least one value"));

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const area = z.string().refine((a) => ALL_AREA_KEYS.has(a), "is not an area of any evaluation framework");

const common = {
  schoolId: z.string().uuid().optional(),
  documentId: z.string().uuid().optional(),
  rag: listOf(RAGS).optional(),
  owner: z.union([z.literal("me"), z.string().uuid()]).optional(),
  overdue: flag.optional(),
  area: area.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  format: z.enum(["json", "csv"]).default("json"),
};

/** `GET /api/actions` filters. */
export const actionQuerySchema = z.object({ ...common, status: listOf(ACTION_STATUSES).optional() });
export type ActionQuery = z.infer<typeof actionQuerySchema>;

/** `GET /api/targets` filters. */
export const targetQuerySchema = z.object(common);
export type TargetQuery = z.infer<typeof targetQuerySchema>;

/** Filters a CSV link carries over from the list it exports (paging and format are the link's own). */
export function csvLink(path: "/api/actions.csv" | "/api/targets.csv", query: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (!["limit", "offset", "format"].includes(k) && v !== "") params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Today's date in England (where every trust using Trellis is), as YYYY-MM-DD: overdue means due before it. */
export function todayInEngland(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
