/**
 * /healthz and /readyz for load balancers, and a taken port at start-up: one line on stderr and
 * exit 1, before the database is created or anything seeded.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, startTestServer } from "../support.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.closeAll();
});

describe("health checks", () => {
  it("GET /healthz answers without a session", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /readyz says ready once the database answers and every migration is applied", async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ready", database: "ok" });
    expect(body.migrations).toBeGreaterThan(5);
  });

  it("GET /readyz is a 503 with a reason when the database is gone", async () => {
    const database = await createTestDatabase();
    const other = await startTestServer({ database });
    try {
      await database.close();
      const res = await fetch(`${other.url}/readyz`);
      expect(res.status).toBe(503);
      expect((await res.json()).error).toMatchObject({ code: "not_ready" });
      // The process itself is still alive.
      expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    } finally {
      await other.stop().catch(() => {});
    }
  });
});

describe("a taken port", () => {
  it("is one line on stderr and exit 1, before any database is created or seeded", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    const dataDir = join(mkdtempSync(join(tmpdir(), "trellis-port-")), "data");
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, NODE_ENV: "production", LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      let stdout = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.stdout.on("data", (d) => (stdout += d));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(1);
      const lines = stderr.trim().split("\n");
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toContain(`Port ${port}`);
      expect(lines[0]).toContain("already in use");
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).not.toContain("listening");
      // Nothing was opened or seeded: the embedded database directory was never made.
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      taken.close();
      rmSync(join(dataDir, ".."), { recursive: true, force: true });
    }
  });
});
