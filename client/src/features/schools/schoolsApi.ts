/** Schools, tiers and tier changes. */
import { api } from "../../api/client.js";
import type { School, SchoolDetail, SchoolPerson, Tier } from "../../api/types.js";

/** The schools the signed-in person may read, ordered by name, each with its current tier. */
export const listSchools = (signal?: AbortSignal) => api.get<{ schools: School[] }>("/schools", { signal }).then((r) => r.schools);

/** One school with its tier history and what the caller may do there. */
export const getSchool = (id: string, signal?: AbortSignal) => api.get<SchoolDetail>(`/schools/${encodeURIComponent(id)}`, { signal });

/** The trust's tier scheme, in order. */
export const listTiers = (signal?: AbortSignal) => api.get<{ tiers: Tier[] }>("/tiers", { signal }).then((r) => r.tiers);

/** Moves a school to another tier; the reason is kept in its tier history. */
export const setSchoolTier = (id: string, tier: number, reason: string) =>
  api.post<{ school: School }>(`/schools/${encodeURIComponent(id)}/tier`, { tier, reason });

/** The school's people and the trust's staff: who can own a block or be @mentioned there. */
export const listSchoolPeople = (schoolId: string, signal?: AbortSignal) =>
  api.get<{ people: SchoolPerson[] }>(`/schools/${encodeURIComponent(schoolId)}/people`, { signal }).then((r) => r.people);
