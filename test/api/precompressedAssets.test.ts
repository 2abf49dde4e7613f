/**
 * The built client's scripts and stylesheets go out as the build compressed them: brotli to a
 * browser that accepts it (Chromium does), gzip otherwise, the file itself to one that takes
 * neither; each with a year of immutable caching and Vary: Accept-Encoding for caches between.
 */
import { readdirSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
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

/** node:http, not fetch, so the body arrives as sent (fetch would quietly decompress it). */
function fetchRaw(path: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    get(`${server.url}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (r) => {
      const parts: Buffer[] = [];
      r.on("data", (d: Buffer) => parts.push(d));
      r.on("end", () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(parts) }));
    }).on("error", reject);
  });
}

describe("precompressed assets", () => {
  it("sends the main script as brotli when accepted, smaller than gzip, and identical once decoded", async () => {
    const js = assets.find((f) => /^index-[\w-]+\.js$/.test(f))!;
    const original = readFileSync(join(DEFAULT_CLIENT_DIR, "assets", js));
    const br = await fetchRaw(`/assets/${js}`, "gzip, deflate, br, zstd");
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toContain("Accept-Encoding");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gz = await fetchRaw(`/assets/${js}`, "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(original)).toBe(true);
    expect(br.body.length).toBeLessThan(gz.body.length);

    const plain = await fetchRaw(`/assets/${js}`, "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it("sends stylesheets as brotli too", async () => {
    const css = assets.find((f) => /^index-[\w-]+\.css$/.test(f))!;
    const res = await fetchRaw(`/assets/${css}`, "br, gzip");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(res.body).equals(readFileSync(join(DEFAULT_CLIENT_DIR, "assets", css)))).toBe(true);
  });
});
