/** The document's text as a plain tree (GET /api/documents/:id/preview), painted before the editor loads. */
import { api } from "../../api/client.js";
import type { DocumentPreview } from "../../../../shared/documentPreview.js";

export const getDocumentPreview = (documentId: string, signal?: AbortSignal) =>
  api.get<DocumentPreview>(`/documents/${encodeURIComponent(documentId)}/preview`, { signal });
