/**
 * Request bodies are counted while they stream: a chunked body with no Content-Length is cut off
 * at the limit with a 413, instead of being read whole into memory first.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";

let server: Awaited<ReturnType<typeof startTestServer>>;
let cookie: string;
let email: string;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await buildUser(server.database.db, { role: "trust_admin" });
  email = admin.email;
  cookie = await signIn(server.url, admin.email, TEST_PASSWORD);
});

afterAll(async () => {
  await server?.closeAll();
});

/**
 * POSTs a chunked body (no Content-Length) of up to `total` bytes, writing only as fast as the
 * server reads, and stops writing once the response arrives. Returns the status, body and bytes sent.
 */
function chunkedPost(path: string, total: number, headers: Record<string, string> = {}, first = '{"email":"') {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    let sent = 0;
    let answered = false;
    const req = request({ hostname, port, path, method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    // The server may close its side once it has refused the body; that is the point.
    req.on("error", (err) => (answered ? undefined : reject(err)));
    expect(req.getHeader("content-length")).toBeUndefined();
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < total) {
        const piece = sent === 0 ? Buffer.from(first) : chunk;
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("body limit", () => {
  it("cuts off an anonymous 100 MB chunked login body at the limit with a 413, having read only a little of it", async () => {
    const result = await chunkedPost("/api/auth/login", 100 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.code).toBe("payload_too_large");
    // The refusal came while the upload was under way, not after reading all 100 MB.
    expect(result.sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("cuts off a signed-in chunked body on another route too", async () => {
    const result = await chunkedPost("/api/documents", 20 * 1024 * 1024, { cookie }, '{"title":"');
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error).toMatchObject({ code: "payload_too_large" });
    expect(result.sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("still reads a small chunked body", async () => {
    const { hostname, port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ hostname, port, path: "/api/auth/login", method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write(`{"email":"${email}",`);
      req.end(`"password":"${TEST_PASSWORD}"}`);
    });
    expect(status).toBe(200);
  });

  it("refuses a declared Content-Length over the limit before reading it", async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x".repeat(400 * 1024), password: "y" }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });
});
