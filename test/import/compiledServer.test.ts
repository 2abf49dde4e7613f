/**
 * The import's worker as the compiled server runs it: `npm run build:server` bundles
 * dist/server/importWorker.mjs next to dist/server/index.mjs, and the bundle starts it by that
 * name. This drives the bundled worker with the same message the server sends.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { ConversionReply } from "../../server/import/conversionWorker.js";
import { schoolPlanDocx } from "./schoolPlanDocx.js";

const WORKER = fileURLToPath(new URL("../../dist/server/importWorker.mjs", import.meta.url));
const SERVER = fileURLToPath(new URL("../../dist/server/index.mjs", import.meta.url));

describe("the bundled import worker", () => {
  it("is built beside the server bundle, which starts it by that name", async () => {
    expect(existsSync(WORKER), "run npm run build:server (npm test does)").toBe(true);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(SERVER, "utf8")).toContain('new URL("./importWorker.mjs", import.meta.url)');
  });

  it("converts a plan and answers once", async () => {
    const worker = new Worker(WORKER);
    const reply = new Promise<ConversionReply>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    worker.postMessage({ bytes: new Uint8Array(await schoolPlanDocx({ name: "Jo Patel", initials: "JP" })), academicYear: "2026/27", people: [] });
    const answer = await reply;
    await worker.terminate();
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.result.blocks.filter((b) => b.type === "action").map((b) => b.attrs.rag)).toEqual(["green", "amber", "red", "blue", "none", "amber"]);
  });
});
