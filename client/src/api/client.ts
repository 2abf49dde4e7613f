/** The one way the client talks to /api: JSON over fetch with the session cookie, and readable errors. */

/** A failed API call, carrying the server's `{error:{code,message}}` so pages can show the message as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before trying again, from a 429's Retry-After header. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Subscribes to "the session is gone" (any 401 outside sign-in). The session context uses it
 * to drop the signed-in person, which sends every protected page back to sign-in.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  /** JSON body; sent with content-type application/json. */
  body?: unknown;
  /** Search parameters; undefined and empty values are left out. */
  query?: Record<string, string | undefined | null>;
  signal?: AbortSignal;
  /**
   * Whether a 401 means "signed out" (the default). Sign-in and invitation calls turn it off:
   * there a 401 is an answer about the form, not about the session.
   */
  unauthorizedSignsOut?: boolean;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "Sign in to continue",
  403: "You do not have permission to do that",
  404: "That could not be found",
  410: "That link has expired or has already been used",
  429: "Too many attempts. Please wait a moment and try again",
};

function urlFor(path: string, query: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, value);
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ""}`;
}

/** The error a failed answer stands for: the server's `{error:{code,message}}`, or a readable fallback. */
export function errorOfBody(status: number, body: unknown, retryAfter: number | null = null): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" && error.code ? error.code : "http_error";
  const fallback = FALLBACK_MESSAGES[status] ?? (status >= 500 ? "Something went wrong on our side. Please try again." : `The request failed (${status})`);
  return new ApiError(status, code, typeof error?.message === "string" && error.message ? error.message : fallback, retryAfter);
}

async function errorFrom(res: Response): Promise<ApiError> {
  // Not JSON (a proxy's error page, say): the readable fallback.
  const body: unknown = await res.json().catch(() => null);
  const retryAfter = Number(res.headers.get("retry-after"));
  return errorOfBody(res.status, body, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

/** Calls the API and returns the parsed JSON body (undefined for 204). Throws ApiError on any failure. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(urlFor(path, options.query), {
      method,
      credentials: "same-origin",
      headers: options.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "Trellis could not be reached. Check your connection and try again.");
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401 && options.unauthorizedSignsOut !== false) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Shorthands for the four verbs the API uses. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("POST", path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("PUT", path, { ...options, body: body ?? {} }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
};

/** A readable sentence for any thrown value, for error notices. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return "Something went wrong. Please try again.";
}
