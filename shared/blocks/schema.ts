/**
 * The structured-block contract between the editor and the extractor (DESIGN section 4).
 * Node names, attribute names, defaults and validators live here once; the Tiptap nodes and the
 * server's extractor both read them. Tiptap leaves null attributes off the Y.XmlElement, so
 * readers call `parseBlockAttrs`, which supplies defaults and never drops a block for a bad value.
 */
import { z } from "zod";
import {
  actionStatusSchema,
  findingKindSchema,
  outcomeSchema,
  ragSchema,
  type ActionStatus,
  type FindingKind,
  type Outcome,
  type Rag,
} from "../enums.js";
import { ALL_AREA_KEYS, FRAMEWORKS, gradesFor, isFrameworkKey, type FrameworkKey } from "../frameworks/index.js";

export const BLOCK_TYPES = ["priority", "target", "action", "judgement", "finding"] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
export const isBlockType = (name: string): name is BlockType => (BLOCK_TYPES as readonly string[]).includes(name);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "is not a real date");
const uuid = z.string().uuid();
const area = z.string().refine((a) => ALL_AREA_KEYS.has(a), "is not an area of any evaluation framework");
const shortText = z.string().max(500);
const owners = z.array(uuid).max(20);

/** Per block type: each attribute's validator and its default when absent. */
export const BLOCK_ATTRIBUTES = {
  priority: {
    area: { schema: area.nullable(), default: null },
  },
  target: {
    area: { schema: area.nullable(), default: null },
    measure: { schema: shortText, default: "" },
    baseline: { schema: shortText, default: "" },
    goal: { schema: shortText, default: "" },
    current: { schema: shortText, default: "" },
    due: { schema: isoDate.nullable(), default: null },
    owners: { schema: owners, default: [] as string[] },
    rag: { schema: ragSchema, default: "none" as Rag },
    outcome: { schema: outcomeSchema.nullable(), default: null },
    // The block this one was carried from when its plan was rolled forward (issue 13).
    carriedFrom: { schema: uuid.nullable(), default: null },
  },
  action: {
    owners: { schema: owners, default: [] as string[] },
    due: { schema: isoDate.nullable(), default: null },
    start: { schema: isoDate.nullable(), default: null },
    rag: { schema: ragSchema, default: "none" as Rag },
    status: { schema: actionStatusSchema, default: "not_started" as ActionStatus },
    targetId: { schema: uuid.nullable(), default: null },
    findingId: { schema: uuid.nullable(), default: null },
    cost: { schema: shortText, default: "" },
    successCriteria: { schema: z.string().max(2000), default: "" },
    carriedFrom: { schema: uuid.nullable(), default: null },
  },
  judgement: {
    framework: { schema: z.string().refine(isFrameworkKey, "is not a known framework").nullable(), default: null },
    area: { schema: area.nullable(), default: null },
    grade: { schema: z.string().max(40).nullable(), default: null },
  },
  finding: {
    area: { schema: area.nullable(), default: null },
    kind: { schema: findingKindSchema, default: "development" as FindingKind },
  },
} as const;

export interface PriorityAttrs { area: string | null }
export interface TargetAttrs {
  area: string | null; measure: string; baseline: string; goal: string; current: string;
  due: string | null; owners: string[]; rag: Rag; outcome: Outcome | null; carriedFrom: string | null;
}
export interface ActionAttrs {
  owners: string[]; due: string | null; start: string | null; rag: Rag; status: ActionStatus;
  targetId: string | null; findingId: string | null; cost: string; successCriteria: string;
  carriedFrom: string | null;
}
export interface JudgementAttrs { framework: FrameworkKey | null; area: string | null; grade: string | null }
export interface FindingAttrs { area: string | null; kind: FindingKind }

export interface BlockAttrsByType {
  priority: PriorityAttrs;
  target: TargetAttrs;
  action: ActionAttrs;
  judgement: JudgementAttrs;
  finding: FindingAttrs;
}

/** Every block's `id` is a UUID made when the block is created. */
export const isBlockId = (value: unknown): value is string => typeof value === "string" && uuid.safeParse(value).success;

/**
 * A fresh block id. `crypto.randomUUID` only exists in secure contexts, and a school may open
 * Trellis over plain http on its LAN, so fall back to getRandomValues (available everywhere).
 */
export function newBlockId(): string {
  if (typeof globalThis.crypto?.randomUUID === "function") return globalThis.crypto.randomUUID();
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A problem with one attribute; the block is kept and the attribute falls back to its default. */
export interface BlockWarning {
  attribute: string;
  message: string;
  value?: unknown;
}

/** The defaults of a block type, as a fresh object (arrays are not shared between blocks). */
export function defaultBlockAttrs<T extends BlockType>(type: T): BlockAttrsByType[T] {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(BLOCK_ATTRIBUTES[type])) {
    out[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return out as unknown as BlockAttrsByType[T];
}

/**
 * Validates raw attributes read from a Y.XmlElement (or a ProseMirror node). Invalid values are
 * replaced by the default and reported; missing ones take the default silently. `owners` keeps its
 * valid ids and warns about the rest, so one bad id does not unassign everyone.
 */
export function parseBlockAttrs<T extends BlockType>(
  type: T,
  raw: Record<string, unknown>,
): { attrs: BlockAttrsByType[T]; warnings: BlockWarning[] } {
  const attrs: Record<string, unknown> = {};
  const warnings: BlockWarning[] = [];
  for (const [name, spec] of Object.entries(BLOCK_ATTRIBUTES[type]) as [string, { schema: z.ZodType; default: unknown }][]) {
    const value = raw[name];
    const fallback = Array.isArray(spec.default) ? [...spec.default] : spec.default;
    if (value === undefined || value === null || value === "") {
      attrs[name] = value === "" && typeof spec.default === "string" ? "" : fallback;
      continue;
    }
    if (name === "owners" && Array.isArray(value)) {
      const good = value.filter((v) => uuid.safeParse(v).success);
      if (good.length !== value.length) {
        warnings.push({ attribute: name, message: "some owners are not valid user ids", value: value.filter((v) => !good.includes(v)) });
      }
      attrs[name] = [...new Set(good as string[])].slice(0, 20);
      continue;
    }
    const parsed = spec.schema.safeParse(value);
    if (parsed.success) {
      attrs[name] = parsed.data;
    } else {
      attrs[name] = fallback;
      warnings.push({ attribute: name, message: `${name} ${parsed.error.issues[0]?.message ?? "is invalid"}`, value });
    }
  }
  if (type === "judgement") checkGrade(attrs as unknown as JudgementAttrs, warnings);
  return { attrs: attrs as unknown as BlockAttrsByType[T], warnings };
}

/** A grade is only meaningful on its own framework's scale; never map one scale onto another. */
function checkGrade(attrs: JudgementAttrs, warnings: BlockWarning[]): void {
  if (attrs.grade === null) return;
  if (!attrs.framework) {
    warnings.push({ attribute: "grade", message: "grade given without a framework", value: attrs.grade });
    attrs.grade = null;
    return;
  }
  const grades = gradesFor(attrs.framework, attrs.area ?? "");
  if (!grades.some((g) => g.key === attrs.grade)) {
    warnings.push({ attribute: "grade", message: `grade is not on the ${FRAMEWORKS[attrs.framework].label} scale`, value: attrs.grade });
    attrs.grade = null;
  }
}
