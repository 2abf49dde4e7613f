/** Posts a comment (a new thread or a reply) and notifies the people it @mentions. */
import type { Db } from "../db/client.js";
import { comments, commentThreads, notifications } from "../db/schema/index.js";
import { requireSchoolMembers } from "../schools/schoolMembers.js";

export interface PostInput {
  documentId: string;
  schoolId: string;
  authorId: string;
  body: string;
  mentions: string[];
}

/** Starts a thread anchored at `anchor`; returns its id. */
export async function startThread(db: Db, input: PostInput & { anchor: { from: string; to: string }; quote: string }): Promise<string> {
  const mentioned = await requireSchoolMembers(db, input.schoolId, input.mentions, "mentions");
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(commentThreads)
      .values({ documentId: input.documentId, anchorFrom: input.anchor.from, anchorTo: input.anchor.to, quote: input.quote, createdBy: input.authorId })
      .returning({ id: commentThreads.id });
    await tx.insert(comments).values({ threadId: thread!.id, authorId: input.authorId, body: input.body });
    await notify(tx as unknown as Db, mentioned, input, thread!.id);
    return thread!.id;
  });
}

/** Adds a reply to a thread; replying reopens nothing, it only adds an entry. */
export async function reply(db: Db, threadId: string, input: PostInput): Promise<void> {
  const mentioned = await requireSchoolMembers(db, input.schoolId, input.mentions, "mentions");
  await db.transaction(async (tx) => {
    await tx.insert(comments).values({ threadId, authorId: input.authorId, body: input.body });
    await notify(tx as unknown as Db, mentioned, input, threadId);
  });
}

async function notify(db: Db, userIds: string[], input: PostInput, threadId: string): Promise<void> {
  const recipients = userIds.filter((id) => id !== input.authorId);
  if (!recipients.length) return;
  await db.insert(notifications).values(
    recipients.map((userId) => ({
      userId, kind: "mention", documentId: input.documentId, threadId, actorId: input.authorId, excerpt: input.body.slice(0, 200),
    })),
  );
}
