/** Audit entries in words: what happened, and what it happened to. */
import { ROLE_LABELS, type Role } from "../../../../shared/enumValues.js";
import { statusLabel } from "../documents/labels.js";
import type { AuditEntry } from "./auditApi.js";
import { APPROVAL_BODY_LABELS, type ApprovalBody } from "./lifecycleApi.js";
import { CHECKIN_LABELS, type CheckinKind } from "./supportApi.js";

/** Every action the server records, with its name for the filter. */
export const AUDIT_ACTIONS: Record<string, string> = {
  "auth.login": "Signed in",
  "auth.login_failed": "Sign-in failed",
  "permission.denied": "Permission refused",
  "school.tier_changed": "Tier changed",
  "tier_scheme.changed": "Tier scheme changed",
  "school.checkin_recorded": "Check-in recorded",
  "document.status_changed": "Document status changed",
  "document.approved": "Document approved",
  "comment.deleted": "Comment deleted",
  "finding.action_created": "Finding turned into an action",
  "membership.added": "Role added",
  "membership.removed": "Role removed",
  "invitation.created": "Invitation sent",
  "invitation.accepted": "Invitation accepted",
};

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const role = (v: unknown) => ROLE_LABELS[v as Role] ?? str(v);

/** The entry's action with its most telling details, in one line. */
export function describeAudit(entry: AuditEntry): string {
  const d = entry.details ?? {};
  const name = AUDIT_ACTIONS[entry.action] ?? entry.action;
  switch (entry.action) {
    case "auth.login":
    case "auth.login_failed":
      return d.email ? `${name} as ${str(d.email)}` : name;
    case "permission.denied":
      return `${name}: ${str(d.method)} ${str(d.path)}`;
    case "school.tier_changed":
      return `${name} from ${d.from === null ? "none" : `Tier ${str(d.from)}`} to Tier ${str(d.to)}${d.reason ? `: “${str(d.reason)}”` : ""}`;
    case "tier_scheme.changed":
      return `${name}: Tier ${str(d.level)} ${str(d.name)}, CEO 1:1 every ${str(d.ceoOneToOneWeeks)} weeks, ${str(d.healthChecksPerYear)} health checks a year`;
    case "school.checkin_recorded":
      return `${name}: ${CHECKIN_LABELS[d.kind as CheckinKind] ?? str(d.kind)} held ${str(d.heldOn)}`;
    case "document.status_changed":
      return `${name} from ${statusLabel(str(d.from)).toLowerCase()} to ${statusLabel(str(d.status)).toLowerCase()}`;
    case "document.approved":
      return `${name} by the ${APPROVAL_BODY_LABELS[d.approvalBody as ApprovalBody] ?? str(d.approvalBody)} on ${str(d.approvedOn)}${d.versionName ? ` (“${str(d.versionName)}”)` : ""}`;
    case "membership.added":
    case "membership.removed":
    case "invitation.created":
      return `${name}: ${role(d.role)}${d.email ? ` for ${str(d.email)}` : ""}`;
    default:
      return name;
  }
}
