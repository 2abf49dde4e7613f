/**
 * What a plan's status change tells people: on submission, the board that approves it hears it
 * awaits review and its leaders hear it was submitted; on approval or when sent back, its leaders.
 */
import type { Db } from "../db/client.js";
import { approvalBodyFor, type ApprovalBody } from "../policies/index.js";
import { APPROVAL_BODY_LABELS } from "../commands/documentStatusChanger.js";
import { formatUkDate } from "./ukDates.js";
import type { Notifier } from "./Notifier.js";
import { holdersOf } from "./recipients.js";

/** The plan and the change, as the status route knows them. */
export interface PlanStatusEvent {
  doc: { id: string; title: string; schoolId: string; kind: string; createdBy: string | null };
  tier: number | null;
  from: string;
  to: string;
  actor: { id: string; name: string };
  note?: string;
  approval?: { body: ApprovalBody; approvedOn: string; minuteReference?: string };
}

/** A plan's leaders: the school's leaders, and whoever started the plan (a trust lead, for a trust-led plan). */
async function leadersOf(db: Db, doc: PlanStatusEvent["doc"]): Promise<string[]> {
  const leaders = await holdersOf(db, doc.schoolId, ["school_leader"]);
  return doc.createdBy ? [...new Set([...leaders, doc.createdBy])] : leaders;
}

/** Sends the notifications a status change calls for. */
export async function notifyPlanStatus(db: Db, notifier: Notifier, e: PlanStatusEvent): Promise<void> {
  const link = `/documents/${e.doc.id}`;
  const about = { documentId: e.doc.id };
  const leaders = await leadersOf(db, e.doc);
  if (e.to === "in_review") {
    const body = approvalBodyFor({ kind: e.doc.kind, tier: e.tier }) ?? "lgb";
    const board = body === "lgb" ? await holdersOf(db, e.doc.schoolId, ["governor"]) : await holdersOf(db, e.doc.schoolId, [], ["trust_lead", "trustee"]);
    await notifier.send({ kind: "review_requested", userIds: board, actorId: e.actor.id, about, link, title: `${e.doc.title} awaits the ${APPROVAL_BODY_LABELS[body]}'s review`, excerpt: `Submitted by ${e.actor.name}.` });
    await notifier.send({ kind: "plan_status", userIds: leaders, actorId: e.actor.id, about, link, title: `${e.actor.name} submitted ${e.doc.title} for approval` });
    return;
  }
  if (e.to === "approved" && e.approval) {
    const minute = e.approval.minuteReference ? `, minute ${e.approval.minuteReference}` : "";
    await notifier.send({
      kind: "plan_status", userIds: leaders, actorId: e.actor.id, about, link,
      title: `${e.doc.title} was approved by the ${APPROVAL_BODY_LABELS[e.approval.body]}`,
      excerpt: `Meeting of ${formatUkDate(e.approval.approvedOn)}${minute}; recorded by ${e.actor.name}.`,
    });
    return;
  }
  if (e.from === "in_review" && e.to === "draft") {
    await notifier.send({
      kind: "plan_status", userIds: leaders, actorId: e.actor.id, about, link,
      title: `${e.actor.name} sent ${e.doc.title} back for changes`, excerpt: e.note,
    });
  }
}
