/** Posts a comment (a new thread or a reply), checking that the people it @mentions belong to the school; server/notifications tells them. */
import type { Db } from "../db/client.js";
import { comments, commentThreads } from "../db/schema/index.js";
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
  await requireSchoolMembers(db, input.schoolId, input.mentions, "mentions");
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(commentThreads)
      .values({ documentId: input.documentId, anchorFrom: input.anchor.from, anchorTo: input.anchor.to, quote: input.quote, createdBy: input.authorId })
      .returning({ id: commentThreads.id });
    await tx.insert(comments).values({ threadId: thread!.id, authorId: input.authorId, body: input.body });
    return thread!.id;
  });
}

/** Adds a reply to a thread; replying reopens nothing, it only adds an entry. */
export async function reply(db: Db, threadId: string, input: PostInput): Promise<void> {
  await requireSchoolMembers(db, input.schoolId, input.mentions, "mentions");
  await db.insert(comments).values({ threadId, authorId: input.authorId, body: input.body });
}
