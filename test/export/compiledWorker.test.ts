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
import { pdfFontList, pdfInfo, pdfText, squash } from "./tools.js";

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

  it("embeds its fonts, found from the repository root, so a name with accents prints as written", async () => {
    const named: ExportContent = {
      meta: { ...content.meta, headerLine: "Ysgol Llŷn · Draft" },
      parts: [
        { kind: "heading", level: 1, text: "Plan for Zoë Brontë" },
        { kind: "paragraph", runs: [{ text: "Led by " }, { text: "Łukasz Żółć", bold: true }, { text: " and Siân Ó Súilleabháin", italic: true }] },
        // The upright faces hold Arabic, the oblique ones do not: each run is checked in its own face.
        { kind: "paragraph", runs: [{ text: "Governor: محمد" }] },
        { kind: "table", caption: "Actions", headers: ["Action", "Owners"], rows: [[{ text: "Reading café" }, { text: "Zoë Brontë" }]], widths: [3, 1] },
      ],
    };
    // Two renders on one worker: the first opens the font files, the second reuses the opened faces.
    const worker = new Worker(WORKER);
    const replies: RenderReply[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on("message", (r: RenderReply) => {
        replies.push(r);
        if (replies.length === 2) resolve();
      });
      worker.once("error", reject);
      worker.postMessage({ id: 1, content: named, format: "pdf" });
      worker.postMessage({ id: 2, content: named, format: "pdf" });
    });
    await worker.terminate();
    for (const reply of replies) {
      expect(reply.ok, reply.ok ? "" : reply.message).toBe(true);
      if (!reply.ok) return;
      const fonts = await pdfFontList(reply.bytes);
      expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"]);
      expect(fonts.every((f) => f.embedded)).toBe(true);
      const text = squash(await pdfText(reply.bytes));
      for (const words of ["Plan for Zoë Brontë", "Led by Łukasz Żółć and Siân Ó Súilleabháin", "Reading café Zoë Brontë", "Ysgol Llŷn · Draft", "محمد"]) expect(text).toContain(words);
      expect((await pdfInfo(reply.bytes)).Tagged).toBe("yes");
    }
  });
});
