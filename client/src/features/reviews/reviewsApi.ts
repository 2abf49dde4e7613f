/** Calls for half-termly reviews: a school's review points and histories, and recording a review. */
import { api } from "../../api/client.js";

/** A review point of the chart: counts by RAG at one half term. */
export interface ReviewPoint {
  academicYear: string;
  halfTerm: string;
  label: string;
  targets: Record<string, number>;
  actions: Record<string, number>;
}

/** One block's RAG at every review, with the commentary. */
export interface BlockHistory {
  blockId: string;
  type: string;
  text: string;
  entries: { reviewId: string; documentId: string; academicYear: string; halfTerm: string; label: string; rag: string; status: string | null; current: string | null; commentary: string }[];
}

/** `GET /api/schools/:id/reviews`. */
export interface SchoolReviews {
  reviews: { id: string; documentId: string; documentTitle?: string; halfTerm: string; label: string; status: string; closedAt: string | null }[];
  points: ReviewPoint[];
  history: BlockHistory[];
}

export const getSchoolReviews = (schoolId: string, signal?: AbortSignal) => api.get<SchoolReviews>(`/schools/${schoolId}/reviews`, { signal });

/** Opens, updates or closes the plan's review for a half term. */
export const recordReview = (documentId: string, body: { halfTerm: string; academicYear?: string; commentary?: Record<string, string>; close?: boolean }) =>
  api.post<{ review: DocumentReview }>(`/documents/${documentId}/reviews`, body);

/** One plan's review with its items as they stood at the review (`GET /api/documents/:id/reviews`). */
export interface DocumentReview {
  id: string;
  documentId: string;
  academicYear: string;
  halfTerm: string;
  label: string;
  status: string;
  closedAt: string | null;
  closedBy: { id: string; name: string | null } | null;
  items: { blockId: string; type: string; text: string; rag: string; status: string | null; current: string | null; due: string | null; commentary: string }[];
}

export const getDocumentReviews = (documentId: string, signal?: AbortSignal) => api.get<{ reviews: DocumentReview[] }>(`/documents/${documentId}/reviews`, { signal });
