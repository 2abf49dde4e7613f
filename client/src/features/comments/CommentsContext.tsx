/**
 * The comment threads of the open document, shared by the margin and anything else on the page.
 * Threads are fetched once, then again on every `comments` push, so nobody has to reload.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { DocumentEventHub } from "../governance/useDocumentEvents.js";
import {
  listThreads,
  reopenThread,
  replyToThread,
  resolveThread,
  startThread,
  deleteEntry,
  type CommentThread,
  type EncodedAnchor,
  type MentionablePerson,
} from "./commentsApi.js";

/** What the comments context offers the margin and the thread cards. */
export interface CommentsValue {
  documentId: string;
  /** Null until the first load; an error is kept beside the last good list. */
  threads: CommentThread[] | null;
  error: unknown;
  /** Whether this person may start, answer, resolve and reopen threads (not viewers). */
  canComment: boolean;
  me: { id: string; isAdmin: boolean };
  /** The school's people, for @mentions. */
  people: readonly MentionablePerson[];
  refresh(): void;
  start(input: { body: string; anchor: EncodedAnchor; quote: string; mentions: string[] }): Promise<CommentThread>;
  reply(threadId: string, input: { body: string; mentions: string[] }): Promise<void>;
  setResolved(threadId: string, resolved: boolean): Promise<void>;
  remove(threadId: string, entryId: string): Promise<void>;
}

const CommentsContext = createContext<CommentsValue | null>(null);

/** The comments of the page's document, or null outside a document page (the version viewer, tests). */
/** Dispatched (bubbling) from inside a block, with `detail.blockId`, to comment on that block's whole text. */
export const COMMENT_BLOCK_EVENT = "trellis:comment-block";

export function useComments(): CommentsValue | null {
  return useContext(CommentsContext);
}

/** Loads and keeps the document's threads; refetches on every `comments` push. */
export function CommentsProvider(props: {
  documentId: string;
  canComment: boolean;
  me: CommentsValue["me"];
  people: readonly MentionablePerson[];
  events: DocumentEventHub;
  children: ReactNode;
}) {
  const { documentId, events } = props;
  const [threads, setThreads] = useState<CommentThread[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Answers can overtake each other; only the newest request may write the list.
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    listThreads(documentId).then(
      (list) => {
        if (mine !== generation.current) return;
        setThreads(list);
        setError(null);
      },
      (err: unknown) => {
        if (mine === generation.current) setError(err);
      },
    );
  }, [documentId]);

  useEffect(() => {
    setThreads(null);
    refresh();
    return events.subscribe("comments", refresh);
  }, [events, refresh]);

  // The server's answer is the thread as it is now: put it in the list at once, before the push arrives.
  const upsert = useCallback((thread: CommentThread) => {
    generation.current++;
    setThreads((list) => {
      const rest = (list ?? []).filter((t) => t.id !== thread.id);
      return [...rest, thread].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    });
  }, []);

  const value = useMemo<CommentsValue>(
    () => ({
      documentId,
      threads,
      error,
      canComment: props.canComment,
      me: props.me,
      people: props.people,
      refresh,
      async start(input) {
        const thread = await startThread(documentId, input);
        upsert(thread);
        return thread;
      },
      async reply(threadId, input) {
        upsert(await replyToThread(threadId, input));
      },
      async setResolved(threadId, resolved) {
        upsert(await (resolved ? resolveThread(threadId) : reopenThread(threadId)));
      },
      async remove(threadId, entryId) {
        await deleteEntry(threadId, entryId);
        refresh();
      },
    }),
    [documentId, threads, error, props.canComment, props.me, props.people, refresh, upsert],
  );
  return <CommentsContext.Provider value={value}>{props.children}</CommentsContext.Provider>;
}
