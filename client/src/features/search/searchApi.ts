/** Calls to GET /api/search. */
import type { SearchResponse } from "../../../../shared/search/hits.js";
import { api } from "../../api/client.js";

export type { SearchHit, SearchResponse } from "../../../../shared/search/hits.js";

/** The search's inputs, as they travel in the URL of /search and to the API. */
export interface SearchFilters {
  q: string;
  schoolId?: string;
  kind?: string;
}

/** GET /api/search: documents, blocks and threads the signed-in person may read. */
export const searchTrellis = (filters: SearchFilters, signal?: AbortSignal) =>
  api.get<SearchResponse>("/search", { query: { q: filters.q, schoolId: filters.schoolId, kind: filters.kind }, signal });
