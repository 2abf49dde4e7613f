/**
 * The worker thread that converts one .docx (runConversion.ts starts it). It answers one message
 * and is then terminated, so whatever a hostile file did to its heap dies with it.
 */
import { parentPort } from "node:worker_threads";
import { convertDocx, type ConversionInput } from "./convertDocx.js";
import { DocxRefused } from "./docxPackage.js";

/** The worker's one reply. */
export type ConversionReply =
  | { ok: true; result: Awaited<ReturnType<typeof convertDocx>> }
  | { ok: false; code: string; message: string };

parentPort?.once("message", async (input: ConversionInput) => {
  let reply: ConversionReply;
  try {
    reply = { ok: true, result: await convertDocx(input) };
  } catch (err) {
    reply = err instanceof DocxRefused
      ? { ok: false, code: err.code, message: err.message }
      : { ok: false, code: "unreadable", message: `This Word document could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  parentPort?.postMessage(reply);
});
