/**
 * What a comment tells people: the @mentioned hear they were mentioned; everyone else who
 * started or took part in the thread hears of a reply, and of its resolution.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { comments, commentThreads } from "../db/schema/index.js";
import type { Notifier } from "./Notifier.js";

/** The comment, its thread and document, and who wrote it. */
export interface CommentEvent {
  documentId: string;
  documentTitle: string;
  threadId: string;
  actor: { id: string; name: string };
  body: string;
  mentions: string[];
}

const threadLink = (e: { documentId: string; threadId: string }) => `/documents/${e.documentId}#thread-${e.threadId}`;

/** Who started the thread or wrote in it (deleted entries still count: they took part). */
async function participants(db: Db, threadId: string): Promise<string[]> {
  const [thread] = await db.select({ createdBy: commentThreads.createdBy }).from(commentThreads).where(eq(commentThreads.id, threadId)).limit(1);
  const authors = await db.selectDistinct({ authorId: comments.authorId }).from(comments).where(eq(comments.threadId, threadId));
  return [...new Set([thread?.createdBy, ...authors.map((a) => a.authorId)].filter((id): id is string => !!id))];
}

/** Notifies the people a comment @mentions. */
export async function notifyMentions(notifier: Notifier, e: CommentEvent): Promise<void> {
  await notifier.send({
    kind: "mention", userIds: e.mentions, actorId: e.actor.id, about: { documentId: e.documentId }, threadId: e.threadId,
    title: `${e.actor.name} mentioned you in ${e.documentTitle}`, excerpt: e.body, link: threadLink(e),
  });
}

/** Notifies the thread's other participants of a reply (those mentioned in it hear of the mention instead). */
export async function notifyReply(db: Db, notifier: Notifier, e: CommentEvent): Promise<void> {
  await notifyMentions(notifier, e);
  const mentioned = new Set(e.mentions);
  const others = (await participants(db, e.threadId)).filter((id) => !mentioned.has(id));
  await notifier.send({
    kind: "thread_activity", userIds: others, actorId: e.actor.id, about: { documentId: e.documentId }, threadId: e.threadId,
    title: `${e.actor.name} replied in a thread on ${e.documentTitle}`, excerpt: e.body, link: threadLink(e),
  });
}

/** Notifies the thread's participants that it was resolved (call it only when this request resolved it). */
export async function notifyResolved(db: Db, notifier: Notifier, e: Omit<CommentEvent, "body" | "mentions">): Promise<void> {
  await notifier.send({
    kind: "thread_activity", userIds: await participants(db, e.threadId), actorId: e.actor.id, about: { documentId: e.documentId }, threadId: e.threadId,
    title: `${e.actor.name} resolved a thread on ${e.documentTitle}`, link: threadLink(e),
  });
}
