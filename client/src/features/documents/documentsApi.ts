/** Documents: list, create and read. The text itself travels over /collab, not through these calls. */
import { api } from "../../api/client.js";
import type { DocumentDetail, TrellisDocument } from "../../api/types.js";
import type { DocumentKind, Term } from "../../../../shared/enumValues.js";
import type { FrameworkKey } from "../../../../shared/frameworks/index.js";

/** Filters for GET /api/documents; every one is optional. */
export interface DocumentFilters {
  schoolId?: string;
  kind?: DocumentKind;
  year?: string;
}

/** The documents the signed-in person may read, most recently changed first. */
export const listDocuments = (filters: DocumentFilters = {}, signal?: AbortSignal) =>
  api.get<{ documents: TrellisDocument[] }>("/documents", { query: { ...filters }, signal }).then((r) => r.documents);

/** One document and what the caller may do with it. */
export const getDocument = (id: string, signal?: AbortSignal) => api.get<DocumentDetail>(`/documents/${encodeURIComponent(id)}`, { signal });

/** What POST /api/documents takes. */
export interface NewDocumentInput {
  schoolId: string;
  kind: DocumentKind;
  title: string;
  academicYear: string;
  term?: Term | null;
  framework?: FrameworkKey | null;
}

/** Creates a document; the server writes its kind's template into it. */
export const createDocument = (input: NewDocumentInput) => api.post<TrellisDocument>("/documents", input);
