/** The error shape every API failure takes: `{ error: { code, message } }` with a 4xx status. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A refusal by the policy module; the app records each one in the audit log. */
export class PermissionDenied extends HttpError {}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Turns a zod failure into a readable 400 naming the first bad field. */
export function validationError(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return new HttpError(400, "invalid_request", `${where}${issue?.message ?? "Invalid request"}`, error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
}

export function respondError(c: Context, err: HttpError) {
  return c.json(errorBody(err.code, err.message, err.details), err.status);
}

/**
 * A database refusal caused by the input's value (SQLSTATE class 22: an out-of-range number,
 * an impossible date, a NUL) as a 400. Edge schemas should catch these first; this keeps a
 * forgotten field from ever surfacing as a 500.
 */
export function badInputFromDatabase(err: unknown): HttpError | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) {
      return new HttpError(400, "invalid_request", "A value in the request is not one the server can store (check dates, numbers and text)");
    }
  }
  return null;
}
