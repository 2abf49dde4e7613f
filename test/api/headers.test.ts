/**
 * Response headers on a real server serving the built client: CSP with scripts from self only,
 * nosniff, no framing, a referrer policy, HSTS over https only, no-store on the API, compressed
 * static files with immutable caching for hashed assets, and no source maps published.
 */
import { readdirSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT_DIR } from "../../server/server.js";
import { startTestServer } from "../support.js";

let server: Awaited<ReturnType<typeof startTestServer>>;
const assets = readdirSync(join(DEFAULT_CLIENT_DIR, "assets"));

beforeAll(async () => {
  server = await startTestServer({ clientDir: DEFAULT_CLIENT_DIR });
});

afterAll(async () => {
  await server?.closeAll();
});

describe("security headers", () => {
  it("the page carries a CSP with scripts from self only, no framing, nosniff and a referrer policy", async () => {
    const res = await fetch(`${server.url}/trust`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    // The page is written for its reader (test/api/clientPage.test.ts), so nothing may store it.
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("the built page has no inline script for the CSP to block", async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    // Only data, which no browser runs, is written into the page itself.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs]) => !attrs!.includes('type="application/json"'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/assets\//);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("HSTS is sent when the request came over https", async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  });

  it("API answers, errors included, are never cached and carry the same headers", async () => {
    for (const path of ["/api/me", "/api/schools", "/api/no-such-thing"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });
});

describe("static files", () => {
  it("hashed assets are served gzipped with a year of immutable caching", async () => {
    const js = assets.find((f) => /^index-[\w-]+\.js$/.test(f))!;
    // node:http, not fetch, so the body arrives as sent (fetch would quietly decompress it).
    const res = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      get(`${server.url}/assets/${js}`, { headers: { "accept-encoding": "gzip" } }, (r) => {
        const parts: Buffer[] = [];
        r.on("data", (d: Buffer) => parts.push(d));
        r.on("end", () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(parts) }));
      }).on("error", reject);
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const raw = res.body;
    const original = readFileSync(join(DEFAULT_CLIENT_DIR, "assets", js));
    expect(raw.length).toBeLessThan(original.length / 2);
    expect(gunzipSync(raw).equals(original)).toBe(true);
  });

  it("a production build publishes no source maps", async () => {
    expect(assets.filter((f) => f.endsWith(".map"))).toEqual([]);
    for (const f of assets.filter((a) => a.endsWith(".js"))) {
      expect(readFileSync(join(DEFAULT_CLIENT_DIR, "assets", f), "utf8")).not.toContain("sourceMappingURL");
    }
  });
});
