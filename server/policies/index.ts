/**
 * The one permission module (DESIGN section 7). Every HTTP route and the WebSocket upgrade ask
 * `can()`; routes call `authorize()`, which throws a 403/404. Rules are written once, per
 * resource and action, in terms of the roles an actor holds for the resource's school.
 */
import type { DocumentStatus, Role } from "../../shared/enums.js";
import { PermissionDenied } from "../http/errors.js";
import type { Actor } from "./actor.js";
import { mayApprove, type ApprovalSubject } from "./approval.js";

export type { Actor, Grant } from "./actor.js";
export { approvalBodyFor, type ApprovalBody } from "./approval.js";

export type Resource =
  | { type: "trust" }
  | { type: "school"; id: string }
  | { type: "document"; id: string; schoolId: string; status: DocumentStatus | string; kind?: string; tier?: number | null };

export type Action =
  | "read"
  | "update"
  | "comment"
  | "createDocument"
  | "review"
  | "approve"
  | "requestChanges"
  | "setTier"
  | "viewTrust"
  | "managePeople"
  | "editTierScheme"
  | "readAudit"
  | "manageCalendar"
  | "editFlagThresholds"
  | "acknowledgeFlag"
  | "recordReview"
  | "rollForward";

type Rule = (roles: ReadonlySet<Role>, resource: never) => boolean;

const ANY_SCHOOL_ROLE: Role[] = ["school_leader", "improvement_champion", "governor", "viewer"];
const has = (roles: ReadonlySet<Role>, wanted: Role[]) => wanted.some((r) => roles.has(r));
const EDITORS: Role[] = ["trust_admin", "trust_lead", "school_leader", "improvement_champion"];
const COMMENTERS: Role[] = ["trust_admin", "trust_lead", "trustee", "school_leader", "improvement_champion", "governor"];
const READERS: Role[] = ["trust_admin", "trust_lead", "trustee", ...ANY_SCHOOL_ROLE];
const LOCKED_STATUSES = new Set(["approved", "archived"]);

const RULES: Record<Resource["type"], Partial<Record<Action, Rule>>> = {
  trust: {
    viewTrust: (roles) => has(roles, ["trust_admin", "trust_lead", "trustee"]),
    managePeople: (roles) => has(roles, ["trust_admin"]),
    editTierScheme: (roles) => has(roles, ["trust_admin"]),
    readAudit: (roles) => has(roles, ["trust_admin"]),
    // The calendar and the early-warning thresholds are trust data (issue 13).
    manageCalendar: (roles) => has(roles, ["trust_admin"]),
    editFlagThresholds: (roles) => has(roles, ["trust_admin"]),
    acknowledgeFlag: (roles) => has(roles, ["trust_admin", "trust_lead"]),
  },
  school: {
    read: (roles) => has(roles, READERS),
    createDocument: (roles) => has(roles, EDITORS),
    setTier: (roles) => has(roles, ["trust_admin", "trust_lead"]),
  },
  document: {
    read: (roles) => has(roles, READERS),
    // An approved or archived document is read-only for everyone until a new revision starts.
    update: (roles, doc: { status: string }) => has(roles, EDITORS) && !LOCKED_STATUSES.has(doc.status),
    comment: (roles) => has(roles, COMMENTERS),
    // Half-termly reviews are recorded by the plan's leaders, approved plans included; governors only read them.
    recordReview: (roles) => has(roles, EDITORS),
    rollForward: (roles) => has(roles, EDITORS),
    review: (roles) => has(roles, ["trust_admin", "trust_lead", "school_leader"]),
    // The approving body records approval (policies/approval.ts); it may also send a plan back with a note.
    approve: (roles, doc: ApprovalSubject) => mayApprove(roles, doc),
    requestChanges: (roles, doc: ApprovalSubject) => mayApprove(roles, doc) || has(roles, ["trust_admin", "trust_lead", "school_leader"]),
  },
};

/** The roles an actor holds that apply to a resource: trust-wide ones, plus those for its school. */
function rolesFor(actor: Actor, resource: Resource): Set<Role> {
  const schoolId = resource.type === "school" ? resource.id : resource.type === "document" ? resource.schoolId : null;
  return new Set(actor.grants.filter((g) => g.schoolId === null || g.schoolId === schoolId).map((g) => g.role));
}

/** Whether the actor may do `action` to `resource`. Unknown pairs are refused. */
export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  const rule = RULES[resource.type][action];
  return rule ? rule(rolesFor(actor, resource), resource as never) : false;
}

/**
 * Throws unless the actor may act. A document the actor cannot even read answers 404, so its
 * existence stays private; anything else readable but forbidden answers 403.
 */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (can(actor, action, resource)) return;
  if (resource.type === "document" && !can(actor, "read", resource)) {
    throw new PermissionDenied(404, "not_found", "Document not found");
  }
  throw new PermissionDenied(403, "forbidden", "You do not have permission to do that");
}

/** The school ids an actor may read, or "all" for trust-wide roles. */
export function readableSchools(actor: Actor): "all" | string[] {
  if (actor.grants.some((g) => g.schoolId === null && READERS.includes(g.role))) return "all";
  return [...new Set(actor.grants.filter((g) => g.schoolId && READERS.includes(g.role)).map((g) => g.schoolId!))];
}

/** The abilities a client needs to show or hide controls, without a second copy of the rules. */
export function abilitiesFor(actor: Actor, resource: Resource, actions: readonly Action[]): Partial<Record<Action, boolean>> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, resource)]));
}
