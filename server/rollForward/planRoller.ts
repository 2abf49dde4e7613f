/**
 * Rolls a plan forward (`POST /api/documents/:id/roll-forward`): next term's Single Plan, or next
 * year's ADP, holding every open target and action of this one with its owners, dates and RAG
 * and a `carriedFrom` link to the block it came from. What was finished stays behind, listed in
 * the old plan's closing summary; the old plan is archived when the new one is approved.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import * as Y from "yjs";
import { z } from "zod";
import { newBlockId } from "../../shared/blocks/schema.js";
import { termLabel } from "../../shared/calendar/index.js";
import { academicYearSchema, DOCUMENT_KIND_LABELS, TERMS, termSchema, type DocumentKind, type Term } from "../../shared/enums.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/planNodes.js";
import type { Db } from "../db/client.js";
import { actions, documents, documentUpdates, planRollForwards, priorities, targets } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";
import type { Logger } from "../logger.js";
import { DocumentExtractor, type FlushStats } from "../progress/DocumentExtractor.js";
import { DEFAULT_EXTRACTION_DELAY_MS } from "../progress/progressExtension.js";
import { SchoolPeople } from "../progress/schoolPeople.js";

/** The request body. A Single Plan names its term; an ADP or action plan moves to a later year. */
export const rollForwardSchema = z.object({
  term: termSchema.nullish(),
  academicYear: academicYearSchema,
  title: z.string().trim().min(1).max(200).optional(),
});
export type RollForwardInput = z.infer<typeof rollForwardSchema>;

const ROLLED_KINDS = new Set<string>(["single_plan", "adp", "action_plan"]);

type TargetRow = typeof targets.$inferSelect;
type ActionRow = typeof actions.$inferSelect;

/** Open: not complete, not dropped, not met. */
export const isOpenAction = (a: Pick<ActionRow, "status">) => a.status !== "complete" && a.status !== "dropped";
export const isOpenTarget = (t: Pick<TargetRow, "outcome">) => t.outcome !== "met";

const when = (year: string, term: Term | null) => Number(year.slice(0, 4)) * 10 + (term ? TERMS.indexOf(term) : 0);

function checkMove(doc: { kind: string; academicYear: string; term: string | null }, input: RollForwardInput): Term | null {
  if (!ROLLED_KINDS.has(doc.kind)) throw new HttpError(400, "invalid_request", "Only plans can be rolled forward");
  if (doc.kind === "single_plan") {
    if (!input.term) throw new HttpError(400, "invalid_request", "term: a Single Plan is termly: choose the next plan's term");
    if (when(input.academicYear, input.term) <= when(doc.academicYear, doc.term as Term | null)) {
      throw new HttpError(400, "invalid_request", "The new plan must be for a later term than this one");
    }
    return input.term;
  }
  if (Number(input.academicYear.slice(0, 4)) <= Number(doc.academicYear.slice(0, 4))) {
    throw new HttpError(400, "invalid_request", "academicYear: the new plan must be for a later academic year");
  }
  return input.term ?? null;
}

/** The carried blocks in document order: each priority with open items, its open targets, their open actions. */
export function carriedNodes(ps: { blockKey: string; text: string; area: string | null }[], ts: TargetRow[], as: ActionRow[]): { nodes: PlanNode[]; carried: number } {
  const openTargets = ts.filter(isOpenTarget);
  const openActions = as.filter(isOpenAction);
  const targetIds = new Map(openTargets.map((t) => [t.blockKey, newBlockId()]));
  const nodes: PlanNode[] = [];
  const target = (t: TargetRow): PlanNode => ({
    type: "target", id: targetIds.get(t.blockKey)!, text: t.text,
    attrs: { area: t.area, measure: t.measure, baseline: t.baseline, goal: t.goal, current: t.current, due: t.due, owners: t.owners, rag: t.rag as never, carriedFrom: t.blockId },
  });
  const action = (a: ActionRow): PlanNode => ({
    type: "action", id: newBlockId(), text: a.text,
    attrs: {
      owners: a.owners, due: a.due, start: a.start, rag: a.rag as never, status: a.status as never, findingId: a.findingId,
      targetId: a.targetKey ? (targetIds.get(a.targetKey) ?? null) : null, cost: a.cost, successCriteria: a.successCriteria, carriedFrom: a.blockId,
    },
  });
  const groups: { priority: (typeof ps)[number] | null }[] = [{ priority: null }, ...ps.map((p) => ({ priority: p }))];
  for (const { priority } of groups) {
    const key = priority?.blockKey ?? null;
    const gts = openTargets.filter((t) => t.priorityKey === key);
    const gas = openActions.filter((a) => a.priorityKey === key);
    if (!gts.length && !gas.length) continue;
    if (priority) nodes.push({ type: "priority", id: newBlockId(), text: priority.text, attrs: { area: priority.area } });
    for (const t of gts) {
      nodes.push(target(t));
      for (const a of gas.filter((x) => x.targetKey === t.blockKey)) nodes.push(action(a));
    }
    for (const a of gas.filter((x) => !x.targetKey || !targetIds.has(x.targetKey))) nodes.push(action(a));
  }
  return { nodes, carried: openTargets.length + openActions.length };
}

/** What rolling forward needs from the server: the database, a logger, and who hears of extracted rows. */
export interface RollForwardDeps {
  db: Db;
  logger: Logger;
  /** Called once the new plan's rows are extracted (live trackers and dashboards listen). */
  onExtracted?: (document: { id: string; schoolId: string }, stats: FlushStats) => void;
}

/** The new plan's whole content as one Yjs update, built in memory: nobody can hold the document yet. */
export function planUpdate(nodes: readonly PlanNode[]): Uint8Array {
  const ydoc = new Y.Doc();
  try {
    ydoc.transact(() => writePlanNodes(ydoc.getXmlFragment("default"), [...nodes]));
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/**
 * Creates the new plan with the carried blocks. The document row, its content (one update in
 * the log) and the roll-forward link commit together, so whoever opens the new plan, however
 * soon, loads it whole; a room is never opened for it, which spares a thousand-block write the
 * room's observers and the update log's queue. `extractRows` then extracts its rows once; a room
 * opened meanwhile extracts too, which writeBlocks (one advisory lock, a diff) makes harmless.
 */
export async function rollPlanForward(
  deps: RollForwardDeps,
  doc: typeof documents.$inferSelect,
  input: RollForwardInput,
  actorId: string,
) {
  const { db } = deps;
  const term = checkMove(doc, input);
  const [already] = await db.select({ to: planRollForwards.toDocumentId }).from(planRollForwards).where(eq(planRollForwards.fromDocumentId, doc.id)).limit(1);
  if (already) throw new HttpError(409, "already_rolled_forward", "This plan has already been rolled forward", { documentId: already.to });

  const live = (t: typeof targets | typeof actions | typeof priorities) => and(eq(t.documentId, doc.id), isNull(t.deletedAt), sql`not ${t.placeholder}`);
  const [ps, ts, as] = await Promise.all([
    db.select({ blockKey: priorities.blockKey, text: priorities.text, area: priorities.area }).from(priorities).where(live(priorities)).orderBy(asc(priorities.position)),
    db.select().from(targets).where(live(targets)).orderBy(asc(targets.position)),
    db.select().from(actions).where(live(actions)).orderBy(asc(actions.position)),
  ]);
  const { nodes, carried } = carriedNodes(ps, ts, as);
  const closed = [
    ...ts.filter((t) => !isOpenTarget(t)).map((t) => ({ id: t.blockId, type: "target", text: t.text, rag: t.rag, status: null, outcome: t.outcome })),
    ...as.filter((a) => !isOpenAction(a)).map((a) => ({ id: a.blockId, type: "action", text: a.text, rag: a.rag, status: a.status, outcome: null })),
  ];

  const label = DOCUMENT_KIND_LABELS[doc.kind as DocumentKind] ?? doc.kind;
  const title = input.title ?? `${label}, ${term ? `${termLabel(term).replace(" term", "")} ` : ""}${input.academicYear}`;
  const intro: PlanNode[] = [
    { type: "heading", level: 1, text: title },
    { type: "paragraph", text: `Carried forward from "${doc.title}": ${carried} open target${carried === 1 ? "" : "s"} and actions, with their owners, dates and RAG.` },
  ];
  const update = planUpdate([...intro, ...nodes]);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documents)
      .values({ schoolId: doc.schoolId, kind: doc.kind, title, academicYear: input.academicYear, term, framework: doc.framework, createdBy: actorId })
      .returning();
    await tx.insert(documentUpdates).values({ documentId: row!.id, update, userId: actorId });
    await tx.insert(planRollForwards).values({ fromDocumentId: doc.id, toDocumentId: row!.id, carried, closed, createdBy: actorId });
    return row!;
  });
  // Not awaited by the caller: on PGlite the thousand-row write would hold the one connection for seconds.
  const extractRows = () => extractOnce(deps, created, update, actorId);
  return { document: created, carried, closed, extractRows };
}

/**
 * The new plan's progress rows, once, a debounce window after the plan is stored (as a room's
 * extraction would be). The stored update is replayed into an observed doc with the actor as its
 * origin, so rows and history name who carried them. Never rejects: a failure is logged, and the
 * rows follow when the plan's room first opens (or from a re-extraction).
 */
async function extractOnce(deps: RollForwardDeps, document: { id: string; schoolId: string }, update: Uint8Array, actorId: string): Promise<void> {
  const ydoc = new Y.Doc();
  const extractor = new DocumentExtractor({
    documentId: document.id, schoolId: document.schoolId, doc: ydoc, db: deps.db, logger: deps.logger,
    people: new SchoolPeople(deps.db, document.schoolId), delayMs: 0,
  });
  try {
    // After a room's debounce, so the response (and the caller's audit row) go out first.
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_EXTRACTION_DELAY_MS));
    extractor.start();
    Y.applyUpdate(ydoc, update, { userId: actorId, source: "server" });
    const stats = await extractor.flush();
    deps.onExtracted?.(document, stats);
  } catch (err) {
    deps.logger.error("roll-forward: extracting the new plan failed", { documentId: document.id, err: String(err) });
  } finally {
    await extractor.close();
    ydoc.destroy();
  }
}
