/** A school's support from its tier (server/routes/support.ts): cadence, check-ins, and the trust's tier scheme. */
import { api } from "../../api/client.js";
import type { Tier } from "../../api/types.js";

/** The kinds of check-in a tier's cadence schedules. */
export type CheckinKind = "ceo_one_to_one" | "health_check";

/** Their names. */
export const CHECKIN_LABELS: Record<CheckinKind, string> = {
  ceo_one_to_one: "CEO 1:1",
  health_check: "Health check",
};

/** When the next check-in of one kind is due. */
export interface NextCheckin {
  kind: CheckinKind;
  last: string | null;
  due: string;
  overdue: boolean;
}

/** One check-in that was held. */
export interface Checkin {
  id: string;
  kind: CheckinKind;
  heldOn: string;
  notes: string;
  recordedBy: string | null;
}

/** GET /api/schools/:id/support */
export interface SchoolSupport {
  tier: Tier | null;
  cadence: { ceoOneToOne: string; healthCheck: string } | null;
  next: NextCheckin[];
  checkins: Checkin[];
  abilities: { recordCheckin: boolean };
}

const enc = encodeURIComponent;

/** The school's support: tier cadence, next check-ins, history and abilities. */
export const getSupport = (schoolId: string, signal?: AbortSignal) => api.get<SchoolSupport>(`/schools/${enc(schoolId)}/support`, { signal });

/** Records a check-in that was held (trust leads and admins). */
export const recordCheckin = (schoolId: string, input: { kind: CheckinKind; heldOn: string; notes: string }) =>
  api.post<{ checkin: Checkin }>(`/schools/${enc(schoolId)}/checkins`, input);

/** Changes one tier of the trust's scheme (trust admins). */
export const updateTier = (level: number, input: Omit<Tier, "level">) => api.put<{ tier: Tier }>(`/tiers/${level}`, input).then((r) => r.tier);
