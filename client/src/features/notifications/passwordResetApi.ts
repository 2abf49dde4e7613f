/** Password reset by email (server/routes/passwordReset.ts). */
import { api } from "../../api/client.js";

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export const requestPasswordReset = (email: string) =>
  api.post<{ message: string }>("/auth/password-reset", { email }, { unauthorizedSignsOut: false });

/** Whose link this is; 410 when it has expired or been used. */
export const checkResetLink = (token: string, signal?: AbortSignal) =>
  api.get<{ email: string }>(`/auth/password-reset/${encodeURIComponent(token)}`, { signal, unauthorizedSignsOut: false });

/** Sets the new password (signing this browser in, and every other session out). */
export const resetPassword = (token: string, password: string) =>
  api.post<{ userId: string }>(`/auth/password-reset/${encodeURIComponent(token)}`, { password }, { unauthorizedSignsOut: false });
