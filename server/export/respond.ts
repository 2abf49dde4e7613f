/** Sends an export as a download: the right Content-Type and a file name the browser keeps. */
import type { Context } from "hono";
import { z } from "zod";
import type { ExportContent } from "./content.js";
import { renderInWorker } from "./runRender.js";

/** The formats an export comes in. */
export const exportFormatSchema = z.enum(["docx", "pdf"]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

/** Renders the content in the format asked for, in the render worker: the event loop is not held while it lays out. */
export function renderExport(content: ExportContent, format: ExportFormat): Promise<Buffer> {
  return renderInWorker(content, format);
}

/** The file as the response; the stem is already header-safe (see fileSlug). */
export async function sendExport(c: Context, content: ExportContent, format: ExportFormat): Promise<Response> {
  const bytes = await renderExport(content, format);
  return c.body(new Uint8Array(bytes), 200, {
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": `attachment; filename="${content.meta.fileStem}.${format}"`,
    "Content-Length": String(bytes.byteLength),
    // Plans are private to their school: no shared cache keeps a copy.
    "Cache-Control": "private, no-store",
  });
}
