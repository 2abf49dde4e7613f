/**
 * Tells the people an imported plan names as owners, as the editor tells someone made an owner of
 * a block (ownershipNotice.ts): the same notice per block and person, and the same dedupe key, so
 * opening the plan and editing it later tells nobody twice. Only owners matched to the school's
 * people are in the rows' owners; names left as text have nobody to tell.
 */
import type { Logger } from "../logger.js";
import type { Notifier } from "../notifications/Notifier.js";
import { ownershipNotice } from "../notifications/ownershipNotice.js";
import type { BlockRow } from "../progress/blockRows.js";

/** Sends the notices one after another, in the background: a 200-action plan is 200 small writes, never one long one. */
export function notifyImportedOwners(deps: { notifier: Notifier; logger: Logger }, documentId: string, rows: readonly BlockRow[], actorId: string): Promise<void> {
  const work = (async () => {
    for (const row of rows) {
      if (row.type !== "action" && row.type !== "target") continue;
      const owners = Array.isArray(row.fields.owners) ? (row.fields.owners as string[]) : [];
      const block = { documentId, blockId: row.blockId, kind: row.type, text: row.text };
      for (const userId of new Set(owners)) {
        // A turn of the event loop per notice: on PGlite a chain of awaited statements never lets it turn.
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          await deps.notifier.send(ownershipNotice(block, userId, actorId));
        } catch (err) {
          deps.logger.error("import: an owner's notification failed", { documentId, userId, err: String(err) });
        }
      }
    }
  })();
  deps.notifier.track(work);
  return work;
}
