/**
 * The worker thread that renders exports (runRender.ts starts it and keeps it): a 1,000-block
 * plan takes about a second of CPU to lay out as Word or PDF, which the server's event loop
 * cannot give. It stays up between exports, so docx and pdfkit are loaded and warm once.
 */
import { parentPort } from "node:worker_threads";
import type { ExportContent } from "./content.js";
import { writeDocx } from "./docxWriter.js";
import { writePdf } from "./pdfWriter.js";

/** One render asked for, and its answer. */
export interface RenderRequest {
  id: number;
  content: ExportContent;
  format: "docx" | "pdf";
}
export type RenderReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

parentPort?.on("message", async ({ id, content, format }: RenderRequest) => {
  let reply: RenderReply;
  try {
    const buffer = await (format === "docx" ? writeDocx(content) : writePdf(content));
    reply = { id, ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
});
