/** Sign-in, sign-out, who am I, and invitations: the calls that work before (or while becoming) signed in. */
import { api } from "../../api/client.js";
import type { InvitationPreview, Me } from "../../api/types.js";

/** The signed-in person with roles and trust-wide abilities; a 401 when nobody is signed in. */
export const fetchMe = () => api.get<Me>("/me", { unauthorizedSignsOut: false });

/** Signs in; a wrong password is a 401 ApiError and too many attempts a 429 with retryAfter. */
export const login = (email: string, password: string) =>
  api.post<{ user: Me["user"] }>("/auth/login", { email, password }, { unauthorizedSignsOut: false });

/** Ends the session on the server and clears the cookie. */
export const logout = () => api.post<void>("/auth/logout", {}, { unauthorizedSignsOut: false });

/** What an invite link offers; a 410 ApiError when it has expired or been used. */
export const fetchInvitation = (token: string, signal?: AbortSignal) =>
  api.get<{ invitation: InvitationPreview }>(`/invitations/${encodeURIComponent(token)}`, { signal, unauthorizedSignsOut: false });

/** Accepts an invitation; the server answers with a session cookie, so the person is signed in after. */
export const acceptInvitation = (token: string, input: { password: string; name?: string; email?: string }) =>
  api.post<{ userId: string }>(`/invitations/${encodeURIComponent(token)}/accept`, input, { unauthorizedSignsOut: false });

/** The shortest password the server accepts (server/auth/passwords.ts). */
export const MIN_PASSWORD_LENGTH = 10;
