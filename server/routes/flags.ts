/** Early-warning flags: a school's flags, acknowledging one, and the trust's thresholds. */
import { Hono } from "hono";
import { requireActor } from "../auth/middleware.js";
import { audit } from "../commands/auditLogger.js";
import { acknowledgeFlag, acknowledgeSchema } from "../flags/flagAcknowledger.js";
import { computeFlags } from "../flags/schoolFlags.js";
import { loadThresholds, saveThresholds, THRESHOLD_LABELS, thresholdsChangeSchema } from "../flags/thresholds.js";
import type { AppEnv } from "../http/context.js";
import { parseBody, uuidParam } from "../http/validate.js";
import { authorize } from "../policies/index.js";
import { latestSefGrades } from "../progress/queries/sefGrades.js";
import { todayInEngland } from "../progress/queries/filters.js";

const presentThresholds = (values: Record<string, number>) => ({
  thresholds: values,
  fields: Object.entries(THRESHOLD_LABELS).map(([key, label]) => ({ key, label, value: values[key] })),
});

export const flagRoutes = new Hono<AppEnv>()
  .get("/schools/:id/flags", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    authorize(actor, "viewTrust", { type: "trust" });
    const sef = (await latestSefGrades(c.var.deps.db, id)).get(id) ?? [];
    return c.json({ flags: (await computeFlags(c.var.deps.db, [{ id, sef }], todayInEngland())).get(id) ?? [] });
  })
  .post("/schools/:id/flags/acknowledge", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const input = await parseBody(c, acknowledgeSchema);
    authorize(actor, "acknowledgeFlag", { type: "trust" });
    const ack = await acknowledgeFlag(c.var.deps.db, id, input, actor.id, todayInEngland());
    await audit(c, "flag.acknowledged", { rule: ack.rule, facts: ack.facts, note: ack.note }, actor.id, { type: "school", id });
    return c.json({ acknowledgement: { ...ack, by: { id: actor.id, name: actor.name } } }, 201);
  })
  .get("/flags/thresholds", async (c) => {
    const actor = requireActor(c);
    authorize(actor, "viewTrust", { type: "trust" });
    return c.json(presentThresholds(await loadThresholds(c.var.deps.db)));
  })
  .put("/flags/thresholds", async (c) => {
    const actor = requireActor(c);
    const change = await parseBody(c, thresholdsChangeSchema);
    authorize(actor, "editFlagThresholds", { type: "trust" });
    const saved = await saveThresholds(c.var.deps.db, change, actor.id);
    await audit(c, "flags.thresholds_updated", change, actor.id);
    return c.json(presentThresholds(saved));
  });
