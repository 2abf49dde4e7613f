/** The early-warning flags' wire shapes (issue 13): each flag says which rule fired, how serious it is, and why. */

/** The rules, in the order a watch list explains them. */
export const FLAG_RULES = [
  "actions_overdue",
  "watermelon",
  "red_twice",
  "rag_falling",
  "plan_stale",
  "review_missed",
  "checkin_overdue",
  "sef_without_action",
] as const;
export type FlagRule = (typeof FLAG_RULES)[number];

export const FLAG_SEVERITIES = ["high", "medium", "low"] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

/** A trust lead's note that quiets a flag while its facts stay the same. */
export interface FlagAcknowledgement {
  note: string;
  by: { id: string | null; name: string | null };
  at: string;
}

/** One flag on a school's dashboard row. */
export interface SchoolFlag {
  rule: FlagRule;
  severity: FlagSeverity;
  /** One sentence that says why ("4 actions overdue, oldest by 23 school days"). */
  explanation: string;
  /** The facts the flag stands on; an acknowledgement holds while they are unchanged. */
  facts: string;
  /** Set when a trust lead acknowledged these very facts: the flag is quiet. */
  acknowledged: FlagAcknowledgement | null;
}

/** Highest severity first, quiet flags after loud ones. */
export const severityRank = (s: FlagSeverity) => FLAG_SEVERITIES.indexOf(s);
