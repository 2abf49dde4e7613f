/** The SQLSTATEs the server acts on. */
export const FOREIGN_KEY_VIOLATION = "23503";

/** The Postgres SQLSTATE of an error, through drizzle's wrapper if there is one. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}
