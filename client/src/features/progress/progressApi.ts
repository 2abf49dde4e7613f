/** Calls to the progress API: the trust dashboard, the academy card and the action list. */
import type { AcademyCard, ActionPage, TargetPage, TrustDashboard } from "../../../../server/progress/apiTypes.js";
import { api } from "../../api/client.js";

export type { AcademyCard, ActionPage, ActionRow, TargetPage, TargetRow, CardTarget, RagCounts, SefGrade, TrustDashboard, TrustSchoolRow } from "../../../../server/progress/apiTypes.js";

/** GET /api/dashboard/trust (trust roles only; everyone else gets a 403). */
export const getTrustDashboard = (signal?: AbortSignal) => api.get<TrustDashboard>("/dashboard/trust", { signal });

/** GET /api/schools/:id/card */
export const getAcademyCard = (schoolId: string, signal?: AbortSignal) => api.get<AcademyCard>(`/schools/${encodeURIComponent(schoolId)}/card`, { signal });

/** The filters of the action tracker, exactly as they travel in the URL and to the API. */
export const ACTION_FILTER_KEYS = ["schoolId", "owner", "area", "rag", "status", "overdue", "offset"] as const;
export type ActionFilters = Partial<Record<(typeof ACTION_FILTER_KEYS)[number], string>>;

/** GET /api/actions with the tracker's filters; the answer carries the CSV link for the same query. */
export const listActions = (filters: ActionFilters, limit: number, signal?: AbortSignal) =>
  api.get<ActionPage>("/actions", { query: { ...filters, limit: String(limit) }, signal });

/** GET /api/targets owned by the signed-in person (optionally in one school), for "My actions". */
export const listMyTargets = (schoolId: string | undefined, signal?: AbortSignal) =>
  api.get<TargetPage>("/targets", { query: { owner: "me", schoolId, limit: "200" }, signal });
