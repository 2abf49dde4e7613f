/**
 * The worker thread that converts one .docx (runConversion.ts starts it). It answers one message
 * and is then terminated, so whatever a hostile file did to its heap dies with it.
 */
import { parentPort } from "node:worker_threads";
import { convertDocx, type ConversionInput } from "./convertDocx.js";
import { DocxRefused } from "./docxPackage.js";
import { importedPlan, type ImportedPlan } from "./planUpdate.js";

/** The worker's one reply. */
export type ConversionReply =
  | { ok: true; result: Awaited<ReturnType<typeof convertDocx>>; plan?: ImportedPlan }
  | { ok: false; code: string; message: string };

parentPort?.once("message", async (input: ConversionInput & { encode?: boolean }) => {
  let reply: ConversionReply;
  try {
    const result = await convertDocx(input);
    reply = { ok: true, result, ...(input.encode ? { plan: importedPlan(result.blocks, input.people.map((p) => p.id)) } : {}) };
  } catch (err) {
    reply = err instanceof DocxRefused
      ? { ok: false, code: err.code, message: err.message }
      : { ok: false, code: "unreadable", message: `This Word document could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  // The updates move to the main thread rather than being copied: together they can be a few hundred KB.
  parentPort?.postMessage(reply, reply.ok && reply.plan ? reply.plan.updates.map((u) => u.buffer as ArrayBuffer) : []);
});
