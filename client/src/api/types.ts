/** Wire shapes of the API as the server's routes and presenters send them (server/routes, server/presenters). */
import type { DocumentKind, DocumentStatus, Phase, Role, Term } from "../../../shared/enumValues.js";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";

/** The signed-in person, from GET /api/me. */
export interface Me {
  user: { id: string; email: string; name: string };
  roles: { role: Role; label: string; schoolId: string | null; schoolName: string | null }[];
  abilities: { viewTrust?: boolean; managePeople?: boolean; editTierScheme?: boolean; readAudit?: boolean };
}

/** A tier of the trust's scheme (GET /api/tiers, and the current tier on a school). */
export interface Tier {
  level: number;
  name: string;
  description: string;
  ceoOneToOneWeeks: number;
  healthChecksPerYear: number;
}

/** A school row (GET /api/schools). */
export interface School {
  id: string;
  name: string;
  slug: string;
  phase: Phase;
  urn: string | null;
  tier: Tier | null;
}

/** One entry of a school's tier history, newest first. */
export interface TierHistoryEntry {
  id: string;
  tier: number;
  tierName: string;
  reason: string;
  setAt: string;
  setBy: string | null;
  /** Who set it; null for the tiers loaded at the start of the year. */
  setByName: string | null;
}

/** GET /api/schools/:id */
export interface SchoolDetail {
  school: School & { tierHistory: TierHistoryEntry[] };
  abilities: { setTier?: boolean; createDocument?: boolean };
}

/** A document row (GET /api/documents, POST /api/documents). */
export interface TrellisDocument {
  id: string;
  schoolId: string;
  schoolName: string | null;
  kind: DocumentKind;
  title: string;
  academicYear: string;
  term: Term | null;
  framework: FrameworkKey | null;
  status: DocumentStatus;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/documents/:id */
export interface DocumentDetail {
  document: TrellisDocument & {
    /** The body that approves this plan, from the server's policy (server/policies/approval.ts). */
    approvalBody?: "lgb" | "trust_board" | null;
    /** The approval it stands on, when approved. */
    approval?: DocumentApproval | null;
  };
  abilities: { update?: boolean; comment?: boolean; review?: boolean; approve?: boolean; requestChanges?: boolean };
}

/** The record of a board's approval: who recorded it, the body, the meeting and its minute, what was still open. */
export interface DocumentApproval {
  versionId: string;
  approvalBody: string;
  approvalBodyLabel: string;
  approvedOn: string;
  minuteReference: string | null;
  openThreads: number;
  openWarnings: number;
  recordedBy: { id: string; name: string | null } | null;
  recordedAt: string;
}

/** Someone who works with a school: its own people and the trust's staff (GET /api/schools/:id/people). */
export interface SchoolPerson {
  id: string;
  name: string;
  email: string;
  role: Role;
  roleLabel: string;
  scope: "school" | "trust";
}

/** One role a person holds (GET /api/people). */
export interface Membership {
  id: string;
  role: Role;
  roleLabel: string;
  schoolId: string | null;
  schoolName: string | null;
}

/** A person and their roles (GET /api/people). */
export interface Person {
  id: string;
  name: string;
  email: string;
  memberships: Membership[];
}

/** An invitation not yet accepted (GET /api/invitations). */
export interface PendingInvitation {
  id: string;
  email: string | null;
  name: string | null;
  role: Role;
  schoolId: string | null;
  schoolName: string | null;
  expiresAt: string;
  expired: boolean;
}

/** What an invite link offers (GET /api/invitations/:token). `needsEmail` marks the first-admin setup link. */
export interface InvitationPreview {
  email: string | null;
  name: string | null;
  role: Role;
  roleLabel: string;
  schoolName: string | null;
  needsEmail: boolean;
}
