/** The wire shapes of the progress API (DESIGN section 8); the client imports these as types only. */
import type { BlockType, BlockWarning } from "../../shared/blocks/schema.js";
import type { ActionStatus, Rag } from "../../shared/enums.js";

export interface PersonRef {
  id: string;
  name: string;
}

export interface DocumentRef {
  id: string;
  title: string;
  kind: string;
}

/** One row of `GET /api/actions`: `id` is the block id, `link` opens the block in its document. */
export interface ActionRow {
  id: string;
  key: string;
  document: DocumentRef;
  school: { id: string; name: string };
  priority: { id: string; title: string } | null;
  targetId: string | null;
  target: { id: string; title: string } | null;
  findingId: string | null;
  text: string;
  owners: PersonRef[];
  start: string | null;
  due: string | null;
  rag: Rag;
  status: ActionStatus;
  overdue: boolean;
  area: string | null;
  areaLabel: string | null;
  cost: string;
  successCriteria: string;
  warnings: BlockWarning[];
  link: string;
  updatedAt: string;
}

/** One row of `GET /api/targets`. */
export interface TargetRow {
  id: string;
  key: string;
  document: DocumentRef;
  school: { id: string; name: string };
  priority: { id: string; title: string } | null;
  text: string;
  area: string | null;
  areaLabel: string | null;
  measure: string;
  baseline: string;
  current: string;
  goal: string;
  /** How far current has moved from baseline to goal (0 to 1), when all three are numbers. */
  progress: number | null;
  due: string | null;
  owners: PersonRef[];
  rag: Rag;
  outcome: string | null;
  warnings: BlockWarning[];
  link: string;
  updatedAt: string;
}

/** A page of rows, with the link that exports the same query as CSV. */
interface PageInfo {
  total: number;
  limit: number;
  offset: number;
  csv: string;
}
export type ActionPage = PageInfo & { actions: ActionRow[] };
export type TargetPage = PageInfo & { targets: TargetRow[] };

/** One extracted block of a document, for `GET /api/documents/:id/blocks` (placeholders included, flagged). */
export interface DocumentBlock {
  id: string;
  key: string;
  type: BlockType;
  position: number;
  text: string;
  placeholder: boolean;
  warnings: BlockWarning[];
  priorityId: string | null;
  targetId: string | null;
  attrs: Record<string, unknown>;
  owners?: PersonRef[];
  updatedAt: string;
}

export type RagCounts = Record<Rag, number> & { total: number };
export type StatusCounts = Record<ActionStatus, number>;

/** A school's latest SEF grade for one area of one framework. */
export interface SefGrade {
  framework: string;
  area: string;
  areaLabel: string;
  grade: string;
  gradeLabel: string;
  /** 0 is the best grade of that framework's own scale; never compared across frameworks. */
  rank: number;
  gradedAt: string;
  documentId: string;
}

/** One school's row on the trust dashboard. */
export interface TrustSchoolRow {
  id: string;
  name: string;
  phase: string;
  tier: { level: number; name: string } | null;
  actions: RagCounts;
  overdue: number;
  targets: RagCounts;
  sef: SefGrade[];
  lastActivity: string | null;
  /** Early-warning flags, loudest first (server/flags). */
  flags?: import("../flags/types.js").SchoolFlag[];
}

/** `GET /api/dashboard/trust`. */
export interface TrustDashboard {
  schools: TrustSchoolRow[];
  totals: {
    schools: number;
    actions: RagCounts;
    overdue: number;
    targets: RagCounts;
    byTier: { level: number | null; name: string; schools: number }[];
  };
  /** Areas marked red across most schools: the common priorities schools could work on together. */
  redAreas: { area: string; label: string; schools: number; redActions: number; redTargets: number }[];
  generatedAt: string;
}

/** A target on the academy card, with its RAG over time. */
export interface CardTarget extends TargetRow {
  trend: { at: string; rag: Rag }[];
}

/** `GET /api/schools/:id/card`. */
export interface AcademyCard {
  school: { id: string; name: string; phase: string; tier: { level: number; name: string } | null };
  targets: CardTarget[];
  actions: { byRag: RagCounts; byStatus: StatusCounts; overdue: number; total: number };
  sef: SefGrade[];
}
