/**
 * Who records a plan's approval (DESIGN section 7): a school's own plans are approved by its
 * local governing board (a governor of that school) or a trust lead; trust-led plans (a school
 * at the trust-led tier, or any action plan) by the Trust Board (a trust lead or trustee).
 * School leaders submit for approval but never approve.
 */
import type { Role } from "../../shared/enums.js";

/** The body that approves a plan. */
export type ApprovalBody = "lgb" | "trust_board";

/** The tier at which the trust leads a school's improvement (DESIGN section 2: 4, Stabilise). */
export const TRUST_LED_TIER = 4;

/** What the rule needs to know about a plan; an unknown kind or tier is treated as the stricter case. */
export interface ApprovalSubject {
  kind?: string;
  /** The school's current tier; null when it has none, undefined when not loaded. */
  tier?: number | null;
}

const APPROVERS: Record<ApprovalBody, Role[]> = {
  lgb: ["governor", "trust_lead"],
  trust_board: ["trust_lead", "trustee"],
};

/** The body that approves this plan, or null when that cannot be told (kind or tier not loaded). */
export function approvalBodyFor(doc: ApprovalSubject): ApprovalBody | null {
  if (doc.kind === "action_plan" || doc.tier === TRUST_LED_TIER) return "trust_board";
  if (doc.kind === undefined || doc.tier === undefined) return null;
  return "lgb";
}

/** Whether someone holding `roles` (for the plan's school, plus trust-wide) may record its approval. */
export function mayApprove(roles: ReadonlySet<Role>, doc: ApprovalSubject): boolean {
  const body = approvalBodyFor(doc);
  // Not knowing the plan, only someone who fits both bodies may approve: a trust lead.
  const wanted = body ? APPROVERS[body] : APPROVERS.lgb.filter((r) => APPROVERS.trust_board.includes(r));
  return wanted.some((r) => roles.has(r));
}
