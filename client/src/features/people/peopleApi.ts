/** People, memberships and invitations: the trust admin's calls. */
import { api } from "../../api/client.js";
import type { PendingInvitation, Person } from "../../api/types.js";
import type { Role } from "../../../../shared/enumValues.js";

/** Everyone with an account, with the roles they hold. */
export const listPeople = (signal?: AbortSignal) => api.get<{ people: Person[] }>("/people", { signal }).then((r) => r.people);

/** Invitations that nobody has accepted yet. */
export const listInvitations = (signal?: AbortSignal) =>
  api.get<{ invitations: PendingInvitation[] }>("/invitations", { signal }).then((r) => r.invitations);

/** What an admin fills in to invite someone; school roles need a schoolId, trust roles must not have one. */
export interface InviteInput {
  email: string;
  name: string;
  role: Role;
  schoolId?: string | null;
}

/** Creates an invitation and returns the single-use link for the admin to pass on (there is no email). */
export const invitePerson = (input: InviteInput) =>
  api.post<{ invitation: { id: string; email: string; role: Role; schoolId: string | null; expiresAt: string }; link: string }>("/invitations", input);

/** Gives an existing person another role. */
export const addMembership = (input: { userId: string; role: Role; schoolId?: string | null }) => api.post<unknown>("/memberships", input);

/** Takes one role away from a person. */
export const removeMembership = (id: string) => api.delete(`/memberships/${encodeURIComponent(id)}`);
