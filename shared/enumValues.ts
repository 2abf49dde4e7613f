/**
 * Enums that the client, the server and the database all agree on (DESIGN sections 2 and 7): the
 * values, types and labels, without zod, so the client's first page does not download zod for a label.
 * Their zod schemas are in ./enums.ts, which re-exports everything here.
 */

export const ROLES = [
  "trust_admin",
  "trust_lead",
  "trustee",
  "school_leader",
  "improvement_champion",
  "governor",
  "viewer",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose scope is the whole trust; the rest are held for one school. */
export const TRUST_ROLES = ["trust_admin", "trust_lead", "trustee"] as const satisfies readonly Role[];
export const SCHOOL_ROLES = [
  "school_leader",
  "improvement_champion",
  "governor",
  "viewer",
] as const satisfies readonly Role[];
export const isTrustRole = (role: Role): boolean => (TRUST_ROLES as readonly Role[]).includes(role);

export const ROLE_LABELS: Record<Role, string> = {
  trust_admin: "Trust admin",
  trust_lead: "Trust lead",
  trustee: "Trustee",
  school_leader: "School leader",
  improvement_champion: "Improvement Champion",
  governor: "Governor",
  viewer: "Viewer",
};

export const PHASES = ["primary", "secondary", "all_through", "special", "alternative"] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<Phase, string> = {
  primary: "Primary",
  secondary: "Secondary",
  all_through: "All-through",
  special: "Special",
  alternative: "Alternative provision",
};

export const DOCUMENT_KINDS = ["single_plan", "adp", "sef", "peer_review", "action_plan"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  single_plan: "Single Plan",
  adp: "Academy Development Plan",
  sef: "Self-Evaluation Form",
  peer_review: "Peer review",
  action_plan: "Rapid action plan",
};

export const DOCUMENT_STATUSES = ["draft", "in_review", "approved", "archived"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const TERMS = ["autumn", "spring", "summer"] as const;
export type Term = (typeof TERMS)[number];

/** The academic year a date falls in: September starts a new one. */
export function academicYearOf(date: Date): string {
  const y = date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
}

export const RAGS = ["red", "amber", "green", "blue", "none"] as const;
export type Rag = (typeof RAGS)[number];
export const RAG_LABELS: Record<Rag, string> = {
  red: "Red",
  amber: "Amber",
  green: "Green",
  blue: "Complete",
  none: "Not rated",
};

export const ACTION_STATUSES = ["not_started", "in_progress", "complete", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  complete: "Complete",
  dropped: "Dropped",
};

export const OUTCOMES = ["not_met", "partially_met", "met"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FINDING_KINDS = ["strength", "development"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
