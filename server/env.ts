/** Validated configuration. Nothing else in the server reads process.env. */
import { isIP } from "node:net";
import { z } from "zod";

const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  /** The address people reach Trellis on; used for links in the console (setup, invites). */
  PUBLIC_URL: z.string().url().optional(),
  /** Force the Secure cookie flag on or off; by default it follows the request's scheme. */
  SECURE_COOKIES: boolish.optional(),
  /** Largest WebSocket message accepted on /collab, in bytes. */
  COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  /** Log entries past a snapshot that trigger compaction. */
  COLLAB_COMPACT_THRESHOLD: z.coerce.number().int().positive().default(500),
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis channel of the control bus, so deployments sharing a Redis never cross. */
  REDIS_PREFIX: z.string().min(1).default("trellis:"),
  /**
   * On SIGTERM, how long /readyz answers 503 while everything still works, so a load balancer's
   * health check takes the process out of rotation before its sockets are closed. Default 0.
   */
  DRAIN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  /**
   * Proxies whose X-Forwarded-For names the client (for throttling and the audit log):
   * comma-separated addresses or CIDRs such as `10.0.0.5,192.168.0.0/16`. Default none.
   */
  TRUST_PROXY: z
    .string()
    .default("")
    .refine(
      (v) => v.split(",").map((s) => s.trim()).filter(Boolean).every((s) => {
        const [ip, bits, extra] = s.split("/");
        const family = isIP(ip ?? "");
        return family > 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
      }),
      "use comma-separated IP addresses or CIDRs, such as 10.0.0.5,192.168.0.0/16",
    ),
  /** How often an open event stream re-checks its session and access, in seconds (sign-out and role changes end it at once). */
  STREAM_RECHECK_SECONDS: z.coerce.number().positive().default(30),
  /** The mail server, e.g. smtp://user:pass@host:587; without it, emails are written to the log. */
  SMTP_URL: z.string().url().optional(),
  /** The From address of every email. */
  MAIL_FROM: z.string().min(3).default("Trellis <trellis@localhost>"),
  /** First retry of a failed email after this many ms, doubling each time (up to an hour). */
  MAIL_RETRY_MS: z.coerce.number().int().positive().default(30_000),
  /** Hour of the day (Europe/London) when reminders and the daily digest go out. */
  NOTIFY_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  NODE_ENV: z.string().default("development"),
});

export type Env = z.infer<typeof envSchema>;

/** Reads and validates the environment; a bad value stops the process with a readable message. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Defaults for tests and tools that build an app without a process environment. */
export function testEnv(overrides: Partial<Env> = {}): Env {
  return { ...envSchema.parse({}), LOG_LEVEL: "silent", NODE_ENV: "test", ...overrides };
}
