/**
 * POST /api/documents/import: a Word plan in, a document out. With preview=1 it only converts and
 * answers what the document would hold; without it, it creates exactly that. Order as every
 * handler: validate, load, authorize, then the (worker-thread) conversion, then the command.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { importDocument } from "../commands/documentImporter.js";
import { createDocumentSchema } from "../commands/documentCreator.js";
import { schools } from "../db/schema/index.js";
import type { AppEnv } from "../http/context.js";
import { errorBody, HttpError, validationError } from "../http/errors.js";
import { DocxRefused, sniffDocx } from "../import/docxPackage.js";
import { runConversion } from "../import/runConversion.js";
import { schoolRoster } from "../import/schoolRoster.js";
import { loadCalendar } from "../calendar/calendarStore.js";
import { requireActor } from "../auth/middleware.js";
import { authorize } from "../policies/index.js";
import { presentDocument } from "../presenters/document.js";

/** The largest .docx accepted: 20 MB, far above any plan (a 40-page plan with photos is about 5 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Room in the request for the form's other fields and the multipart framing. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const REFUSAL_STATUS = { not_docx: 415, encrypted: 422, too_large: 413, unreadable: 422 } as const;
const tooLarge = () => new HttpError(413, "payload_too_large", "The file is larger than 20 MB. Remove large images from the plan, or split it, and try again.");

export const documentImportRoutes = new Hono<AppEnv>().post(
  "/documents/import",
  bodyLimit({ maxSize: MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES, onError: (c) => c.json(errorBody("payload_too_large", "The file is larger than 20 MB. Remove large images from the plan, or split it, and try again."), 413) }),
  async (c) => {
    const actor = requireActor(c);
    const type = c.req.header("content-type") ?? "";
    if (!type.startsWith("multipart/form-data")) throw new HttpError(415, "unsupported_media_type", "Send the plan as multipart/form-data with a file field");
    let form: Record<string, string | File>;
    try {
      form = (await c.req.parseBody()) as Record<string, string | File>;
    } catch {
      throw new HttpError(400, "invalid_request", "The upload could not be read as a form");
    }
    const field = (name: string) => (typeof form[name] === "string" && form[name] !== "" ? (form[name] as string) : undefined);
    const parsed = createDocumentSchema.safeParse({
      schoolId: field("schoolId"),
      kind: field("kind"),
      title: field("title"),
      academicYear: field("academicYear"),
      term: field("term") ?? null,
      framework: field("framework") ?? null,
    });
    if (!parsed.success) throw validationError(parsed.error);
    const input = parsed.data;
    const preview = (c.req.query("preview") ?? field("preview")) === "1";

    const { db } = c.var.deps;
    const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.id, input.schoolId)).limit(1);
    if (!school) throw new HttpError(404, "not_found", "School not found");
    authorize(actor, "createDocument", { type: "school", id: input.schoolId });

    const file = form.file;
    if (!(file instanceof File)) throw new HttpError(400, "invalid_request", "file: choose a Word (.docx) file to import");
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    if (file.size === 0) throw new HttpError(415, "not_docx", "The file is empty.");
    const bytes = new Uint8Array(await file.arrayBuffer());
    let result: Awaited<ReturnType<typeof runConversion>>;
    try {
      sniffDocx(bytes);
      const calendar = await loadCalendar(db, input.academicYear, input.schoolId);
      const halfTerms = calendar.halfTerms.map((h) => ({ key: h.halfTerm, start: h.startsOn, end: h.endsOn }));
      // Creating, the worker also builds the document's Y.Doc update and its rows, so the main thread only stores them.
      result = await runConversion({ bytes, academicYear: input.academicYear, people: await schoolRoster(db, input.schoolId), halfTerms }, { encode: !preview });
    } catch (err) {
      if (err instanceof DocxRefused) throw new HttpError(REFUSAL_STATUS[err.code], err.code, err.message);
      throw err;
    }
    if (!result.blocks.length) throw new HttpError(422, "empty", "The file has no text to import.");
    if (preview) return c.json(result);
    if (!result.plan) throw new Error("the conversion returned no document content");
    const { doc, extractRows } = await importDocument(c.var.deps, input, result.plan, actor);
    void extractRows();
    return c.json({ ...presentDocument(doc), warnings: result.warnings }, 201);
  },
);
