/** Words for document fields, so every page says "Self-Evaluation Form" and "In review" the same way. */
import { DOCUMENT_KIND_LABELS, type DocumentKind, type DocumentStatus, type Term } from "../../../../shared/enumValues.js";
import { FRAMEWORKS, isFrameworkKey } from "../../../../shared/frameworks/index.js";

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  archived: "Archived",
};

export const TERM_LABELS: Record<Term, string> = { autumn: "Autumn", spring: "Spring", summer: "Summer" };

/** "Single Plan", "Self-Evaluation Form", ... falling back to the raw key for kinds added later. */
export const kindLabel = (kind: DocumentKind | string) => DOCUMENT_KIND_LABELS[kind as DocumentKind] ?? kind;

export const statusLabel = (status: DocumentStatus | string) => STATUS_LABELS[status as DocumentStatus] ?? status;

export const termLabel = (term: Term | string | null) => (term ? TERM_LABELS[term as Term] ?? term : null);

/** The framework's full name ("Ofsted report card (from November 2025)"), or the key if unknown. */
export const frameworkLabel = (framework: string | null) => (framework && isFrameworkKey(framework) ? FRAMEWORKS[framework].label : framework);

/** "2026/27" or "Autumn 2026/27": when a document applies. */
export const periodLabel = (doc: { academicYear: string; term: Term | string | null }) =>
  doc.term ? `${termLabel(doc.term)} ${doc.academicYear}` : doc.academicYear;
