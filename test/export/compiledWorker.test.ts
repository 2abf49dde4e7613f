/**
 * The export's render worker as the compiled server runs it: `npm run build:server` bundles
 * dist/server/exportWorker.mjs next to dist/server/index.mjs, and the bundle starts it by that
 * name. This drives the bundled worker with the messages the server sends, two on one worker.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { ExportContent } from "../../server/export/content.js";
import type { RenderReply } from "../../server/export/renderWorker.js";

const WORKER = fileURLToPath(new URL("../../dist/server/exportWorker.mjs", import.meta.url));
const SERVER = fileURLToPath(new URL("../../dist/server/index.mjs", import.meta.url));

const content: ExportContent = {
  meta: { title: "Oakfield Primary: Single Plan", schoolName: "Oakfield Primary", headerLine: "Oakfield Primary · Draft", fileStem: "oakfield" },
  parts: [
    { kind: "heading", level: 1, text: "Single Plan" },
    { kind: "table", caption: "Actions", headers: ["Action", "RAG"], rows: [[{ text: "Daily phonics" }, { text: "Green", rag: "green" }]], widths: [3, 1] },
  ],
};

describe("the bundled export worker", () => {
  it("is built beside the server bundle, which starts it by that name", () => {
    expect(existsSync(WORKER), "run npm run build:server (npm test does)").toBe(true);
    expect(readFileSync(SERVER, "utf8")).toContain('new URL("./exportWorker.mjs", import.meta.url)');
  });

  it("renders Word and PDF one after the other, each answered by its id", async () => {
    const worker = new Worker(WORKER);
    const replies: RenderReply[] = [];
    const both = new Promise<void>((resolve, reject) => {
      worker.on("message", (r: RenderReply) => {
        replies.push(r);
        if (replies.length === 2) resolve();
      });
      worker.once("error", reject);
    });
    worker.postMessage({ id: 7, content, format: "docx" });
    worker.postMessage({ id: 8, content, format: "pdf" });
    await both;
    await worker.terminate();
    const byId = new Map(replies.map((r) => [r.id, r]));
    const docx = byId.get(7)!;
    const pdf = byId.get(8)!;
    expect(docx.ok && pdf.ok).toBe(true);
    if (!docx.ok || !pdf.ok) return;
    // A .docx is a zip; a PDF starts with its header.
    expect(Buffer.from(docx.bytes.subarray(0, 2)).toString()).toBe("PK");
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
  });
});
