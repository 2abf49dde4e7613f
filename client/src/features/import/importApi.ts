/** POST /api/documents/import: a Word plan as multipart, previewed (preview=1) or created. */
import { ApiError } from "../../api/client.js";
import type { ImportResult, ImportWarning } from "../../../../shared/importPreview.js";

/** The fields that go with the file (the same as a new document's). */
export interface ImportFields {
  schoolId: string;
  kind: string;
  title: string;
  academicYear: string;
  term: string | null;
  framework: string | null;
}

async function send<T>(file: File, fields: ImportFields, preview: boolean): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) form.set(k, v);
  form.set("file", file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/documents/import${preview ? "?preview=1" : ""}`, { method: "POST", credentials: "same-origin", body: form });
  } catch {
    throw new ApiError(0, "network", "Trellis could not be reached. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => null)) as ({ error?: { code: string; message: string } } & T) | null;
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? "http_error", body?.error?.message ?? `The upload failed (${res.status})`);
  return body as T;
}

/** Converts the file and answers what the document would hold; changes nothing. */
export const previewImport = (file: File, fields: ImportFields) => send<ImportResult>(file, fields, true);

/** Creates the document exactly as previewed. */
export const confirmImport = (file: File, fields: ImportFields) => send<{ id: string; warnings: ImportWarning[] }>(file, fields, false);
