/** Comment threads anchored to text (server/routes/comments.ts): list, start, reply, resolve, reopen. */
import { api } from "../../api/client.js";
import type { SchoolPerson } from "../../api/types.js";
import { listSchoolPeople } from "../schools/schoolsApi.js";

/** Someone named on a thread or an entry; null when the account is gone. */
export interface CommentPerson {
  id: string;
  name: string;
}

/** One entry of a thread: the first comment or a reply. */
export interface CommentEntry {
  id: string;
  author: CommentPerson | null;
  body: string;
  deleted: boolean;
  createdAt: string;
}

/** Two encoded Y.RelativePositions (base64), as the server stores them. */
export interface EncodedAnchor {
  from: string;
  to: string;
}

/** A thread as GET /api/documents/:id/comments returns it, oldest entry first. */
export interface CommentThread {
  id: string;
  documentId: string;
  anchor: EncodedAnchor;
  quote: string;
  createdAt: string;
  createdBy: CommentPerson | null;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: CommentPerson | null;
  comments: CommentEntry[];
}

/** Someone who can be @mentioned: the school's people and the trust's staff. */
export type MentionablePerson = SchoolPerson;
export { listSchoolPeople };

const enc = encodeURIComponent;

/** Every thread of a document, resolved ones included. */
export const listThreads = (documentId: string, signal?: AbortSignal) =>
  api.get<{ threads: CommentThread[] }>(`/documents/${enc(documentId)}/comments`, { signal }).then((r) => r.threads);

/** Starts a thread on the anchored words; `quote` keeps those words for when the text is deleted. */
export const startThread = (documentId: string, input: { body: string; anchor: EncodedAnchor; quote: string; mentions: string[] }) =>
  api.post<{ thread: CommentThread }>(`/documents/${enc(documentId)}/comments`, input).then((r) => r.thread);

/** Adds a reply; mentioned people get a notification. */
export const replyToThread = (threadId: string, input: { body: string; mentions: string[] }) =>
  api.post<{ thread: CommentThread }>(`/comments/${enc(threadId)}/replies`, input).then((r) => r.thread);

/** Marks a thread resolved; it folds into the margin's resolved list. */
export const resolveThread = (threadId: string) => api.post<{ thread: CommentThread }>(`/comments/${enc(threadId)}/resolve`).then((r) => r.thread);

/** Reopens a resolved thread. */
export const reopenThread = (threadId: string) => api.post<{ thread: CommentThread }>(`/comments/${enc(threadId)}/reopen`).then((r) => r.thread);

/** Deletes one entry (its author or a trust admin); the thread stays, showing "deleted". */
export const deleteEntry = (threadId: string, entryId: string) => api.delete(`/comments/${enc(threadId)}/entries/${enc(entryId)}`);
