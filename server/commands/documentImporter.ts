/**
 * Creates a document from an imported Word plan. The conversion worker has already built the
 * content as a few Yjs updates; the document row and those updates commit together, so whoever opens
 * the new plan, however soon, loads it whole. No room is opened for it (as for a roll-forward):
 * that spares the main thread the room's load, observers and update-log queue for a 40-page plan.
 * No template is written: the hook that would write one is for empty documents. The owners the
 * import matched hear of their actions and targets once the rows are stored.
 */
import type { Db } from "../db/client.js";
import { documentUpdates } from "../db/schema/index.js";
import type { AppDeps } from "../http/context.js";
import type { Actor } from "../policies/index.js";
import { notifyImportedOwners } from "../import/importedOwners.js";
import { storeImportedRows } from "../import/importedRows.js";
import type { ImportedPlan } from "../import/planUpdate.js";
import { createDocument, type CreateDocumentInput } from "./documentCreator.js";

/** Stores the document with its content; `extractRows` then stores its progress rows and tells their owners (not awaited by the route). */
export async function importDocument(deps: Pick<AppDeps, "db" | "logger" | "progress" | "notifier">, input: CreateDocumentInput, { updates, rows }: ImportedPlan, actor: Actor) {
  const { db } = deps;
  const doc = await db.transaction(async (tx) => {
    const row = await createDocument(tx as unknown as Db, input, actor.id);
    for (const update of updates) {
      // One statement per turn of the event loop: on PGlite each runs on the main thread.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await tx.insert(documentUpdates).values({ documentId: row.id, update, userId: actor.id });
    }
    return row;
  });
  const extractRows = async () => {
    await storeImportedRows({ db, logger: deps.logger }, doc, rows, actor.id, (result) => {
      if (result.written) deps.progress.publish({ schoolId: doc.schoolId, documentId: doc.id });
    });
    await notifyImportedOwners(deps, doc.id, rows, actor.id);
  };
  return { doc, extractRows };
}
