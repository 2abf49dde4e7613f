/** A trust lead acknowledges a school's flag with a note: kept with who and when, quiet while its facts hold. */
import { z } from "zod";
import type { Db } from "../db/client.js";
import { flagAcknowledgements } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";
import { latestSefGrades } from "../progress/queries/sefGrades.js";
import { computeFlags } from "./schoolFlags.js";
import { FLAG_RULES } from "./types.js";

/** The request body. */
export const acknowledgeSchema = z.object({ rule: z.enum(FLAG_RULES), note: z.string().trim().min(1, "Say why the flag can rest").max(1000) });

/** Records the acknowledgement of the flag as it stands now; 409 when that flag is not raised. */
export async function acknowledgeFlag(db: Db, schoolId: string, input: z.infer<typeof acknowledgeSchema>, actorId: string, today: string) {
  const sef = (await latestSefGrades(db, schoolId)).get(schoolId) ?? [];
  const flag = (await computeFlags(db, [{ id: schoolId, sef }], today)).get(schoolId)?.find((f) => f.rule === input.rule);
  if (!flag) throw new HttpError(409, "flag_not_raised", "That flag is not raised for this school now");
  const [row] = await db.insert(flagAcknowledgements).values({ schoolId, rule: input.rule, facts: flag.facts, note: input.note, acknowledgedBy: actorId }).returning();
  return { rule: flag.rule, facts: flag.facts, note: row!.note, at: row!.acknowledgedAt.toISOString() };
}
