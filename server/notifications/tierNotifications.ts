/** A school's tier changed: its own people (leaders, champions, governors) hear of it, with the reason. */
import type { Db } from "../db/client.js";
import type { Notifier } from "./Notifier.js";
import { holdersOf } from "./recipients.js";

/** Notifies the school's people of its new tier. */
export async function notifyTierChanged(
  db: Db,
  notifier: Notifier,
  e: { schoolId: string; schoolName: string; tierName: string; level: number; reason: string; actorId: string },
): Promise<void> {
  const people = await holdersOf(db, e.schoolId, ["school_leader", "improvement_champion", "governor"]);
  await notifier.send({
    kind: "tier_changed", userIds: people, actorId: e.actorId, about: { schoolId: e.schoolId },
    title: `${e.schoolName} is now tier ${e.level}, ${e.tierName}`, excerpt: `Reason: ${e.reason}`, link: `/schools/${e.schoolId}`,
  });
}
