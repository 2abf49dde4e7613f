/** Scale-out: the control bus, the update relay and the collab control messages over it. */
import type { Env } from "../env.js";
import type { Logger } from "../logger.js";
import { type ControlBus, InProcessBus } from "./controlBus.js";
import { RedisBus } from "./redisBus.js";

export type { BusHandler, ControlBus, FrameHandler } from "./controlBus.js";
export { InProcessBus } from "./controlBus.js";
export { RedisBus } from "./redisBus.js";
export { UpdateRelay, type RelayTotals } from "./updateRelay.js";
export { wireCollabControl, type ClusterCollabControl } from "./collabControl.js";

/** Redis when REDIS_URL is set, otherwise this process alone. */
export function createBus(env: Pick<Env, "REDIS_URL" | "REDIS_PREFIX">, logger: Logger): ControlBus {
  if (env.REDIS_URL) return new RedisBus({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger });
  return new InProcessBus((err) => logger.error("bus: subscriber failed", { err: String(err) }));
}
