/**
 * The governor pack a clerk sends to the local governing board: a cover page, the academy card,
 * the school's current plans in full, "changes since approval" for each, and the open comment
 * threads. Readers of the school only (the route checks).
 */
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { RAG_LABELS, RAGS, type Term } from "../../shared/enums.js";
import { FRAMEWORKS, isFrameworkKey } from "../../shared/frameworks/index.js";
import type { AcademyCard } from "../progress/apiTypes.js";
import { loadThreads } from "../comments/threadQueries.js";
import type { Db } from "../db/client.js";
import { documents } from "../db/schema/index.js";
import { versionBlocks } from "../documents/versionCapture.js";
import { diffVersions, type VersionBlock } from "../documents/versionDiff.js";
import type { AppHooks } from "../http/context.js";
import type { Actor } from "../policies/index.js";
import { schoolCard } from "../progress/queries/schoolCard.js";
import type { loadSchoolsWithTier } from "../schools/loadSchools.js";
import { changeOwnerIds, changesTable } from "./changeWords.js";
import { para, type ExportContent, type Part, type Table } from "./content.js";
import { documentBody, kindAndTerm, latestApproval, readDocumentState, userNames } from "./documentExport.js";
import { capitalise, fileSlug, ukDateTime, ukDay } from "./format.js";

/** What the pack is for: one school, as one reader, for one term (or every term). */
export interface PackRequest {
  row: Awaited<ReturnType<typeof loadSchoolsWithTier>>[number];
  actor: Actor;
  term: Term | null;
  today: string;
}

const PLAN_KINDS = ["single_plan", "adp", "action_plan"];

/** The school's current plans: not archived, of its latest academic year, and of the term asked for (annual plans always). */
export async function currentPlans(db: Db, schoolId: string, term: Term | null) {
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.schoolId, schoolId), inArray(documents.kind, PLAN_KINDS), ne(documents.status, "archived")))
    .orderBy(desc(documents.academicYear), asc(documents.kind), asc(documents.title));
  const year = rows[0]?.academicYear;
  return rows.filter((d) => d.academicYear === year && (!term || !d.term || d.term === term));
}

/** Builds the whole pack. */
export async function governorPack(db: Db, hooks: AppHooks, req: PackRequest): Promise<ExportContent> {
  const { school, tier } = req.row;
  const [card, plans] = await Promise.all([
    schoolCard(db, { id: school.id, name: school.name, phase: school.phase, tier: tier ? { level: tier.level, name: tier.name } : null }, { actorId: req.actor.id, today: req.today }),
    currentPlans(db, school.id, req.term),
  ]);
  const termWords = req.term ? `${capitalise(req.term)} term` : "All terms";
  const year = plans[0]?.academicYear ?? "";
  const planSections: Part[][] = [];
  for (const plan of plans) planSections.push(await planSection(db, hooks, plan));

  const cover: Part[] = [
    { kind: "heading", level: 1, text: `Governor pack: ${school.name}` },
    para(`Papers for the local governing board · ${termWords}${year ? ` ${year}` : ""}`, "lead"),
    para(`Prepared ${ukDay(req.today)} by ${req.actor.name}${tier ? ` · Support tier ${tier.level}: ${tier.name}` : ""}`, "muted"),
    { kind: "heading", level: 2, text: "Contents" },
    { kind: "list", ordered: true, items: ["Academy card", ...plans.map((p) => p.title)] },
    ...(plans.length ? [] : [para("The school has no current plans to include.")]),
    { kind: "pageBreak" },
  ];
  return {
    meta: {
      title: `Governor pack: ${school.name}`,
      schoolName: school.name,
      headerLine: `${school.name} · Governor pack · ${termWords}${year ? ` ${year}` : ""} · Prepared ${ukDay(req.today)}`,
      fileStem: fileSlug(school.name, "governor pack", req.term, year),
    },
    parts: [...cover, ...cardParts(card), ...planSections.flatMap((s) => [{ kind: "pageBreak" } as Part, ...s])],
  };
}

/** The academy card on paper: actions by RAG and overdue, targets with baseline, current and goal, and SEF grades. */
function cardParts(card: AcademyCard): Part[] {
  const { byRag, overdue, total, byStatus } = card.actions;
  const parts: Part[] = [
    { kind: "heading", level: 1, text: "Academy card" },
    { kind: "heading", level: 2, text: "Actions" },
    {
      kind: "table",
      caption: "Actions by RAG",
      headers: [...RAGS.map((r) => RAG_LABELS[r]), "Total", "Overdue"],
      widths: [1, 1, 1, 1, 1, 1, 1],
      rows: [[...RAGS.map((r) => ({ text: String(byRag[r]), rag: r })), { text: String(total) }, { text: String(overdue) }]],
    },
    para(`${byStatus.complete} complete, ${byStatus.in_progress} in progress, ${byStatus.not_started} not started, ${byStatus.dropped} dropped. ${overdue} overdue (past the due date and not complete).`),
    { kind: "heading", level: 2, text: "Targets" },
  ];
  if (!card.targets.length) parts.push(para("No targets have been set yet."));
  else {
    const targets: Table = {
      kind: "table",
      caption: "Targets with baseline, current and goal",
      headers: ["Target", "Plan", "Baseline", "Current", "Goal", "Due", "RAG"],
      widths: [30, 16, 11, 11, 11, 9, 10],
      rows: card.targets.map((t) => [
        { text: t.text },
        { text: t.document.title },
        { text: t.baseline },
        { text: t.current },
        { text: t.goal },
        { text: ukDay(t.due) },
        { text: RAG_LABELS[t.rag], rag: t.rag },
      ]),
    };
    parts.push(targets);
  }
  if (card.sef.length) {
    parts.push({ kind: "heading", level: 2, text: "Self-evaluation grades" }, {
      kind: "table",
      caption: "Latest self-evaluation grade by area",
      headers: ["Area", "Grade", "Framework"],
      widths: [35, 25, 40],
      rows: card.sef.map((g) => [{ text: g.areaLabel }, { text: g.gradeLabel }, { text: isFrameworkKey(g.framework) ? FRAMEWORKS[g.framework].label : g.framework }]),
    });
  }
  return parts;
}

/** One plan in full, then what changed since its approval and its open comment threads. */
async function planSection(db: Db, hooks: AppHooks, plan: typeof documents.$inferSelect): Promise<Part[]> {
  const [approval, threads] = await Promise.all([latestApproval(db, plan.id), loadThreads(db, { documentId: plan.id })]);
  const ydoc = await readDocumentState(db, hooks, plan.id);
  let parts: Part[];
  let changes: ReturnType<typeof diffVersions> = [];
  try {
    parts = await documentBody(db, plan, ydoc, approval);
    if (approval) changes = diffVersions(approval.blocks as VersionBlock[], versionBlocks(ydoc));
  } finally {
    ydoc.destroy();
  }
  parts.push({ kind: "heading", level: 2, text: `Changes since approval: ${plan.title}` });
  if (!approval) parts.push(para(`${kindAndTerm(plan)} has not been approved yet, so there is no approved version to compare with.`));
  else if (!changes.length) parts.push(para(`No targets or actions have changed since ${approval.name}.`));
  else {
    parts.push(para(`Since ${approval.name}:`));
    parts.push(changesTable(changes, await userNames(db, changeOwnerIds(changes))));
  }
  const open = threads.filter((t) => !t.resolved);
  parts.push({ kind: "heading", level: 2, text: `Open comment threads: ${plan.title}` });
  if (!open.length) parts.push(para("No open comment threads."));
  for (const thread of open) {
    parts.push({ kind: "heading", level: 3, text: thread.quote ? `On “${thread.quote}”` : "On the document" });
    for (const entry of thread.comments) {
      if (entry.deleted) continue;
      parts.push({ kind: "paragraph", runs: [{ text: `${entry.author?.name ?? "Former member"}, ${ukDateTime(entry.createdAt)}: `, bold: true }, { text: entry.body }] });
    }
  }
  return parts;
}
