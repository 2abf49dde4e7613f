/** A tier's support cadence in words, the way a trust says it: "CEO 1:1 every 2 weeks, health check twice a year". */
import type { Tier } from "../../api/types.js";

export function ceoOneToOneWords(tier: Pick<Tier, "ceoOneToOneWeeks">): string {
  return tier.ceoOneToOneWeeks === 1 ? "every week" : `every ${tier.ceoOneToOneWeeks} weeks`;
}

export function healthCheckWords(tier: Pick<Tier, "healthChecksPerYear">): string {
  const n = tier.healthChecksPerYear;
  return n <= 1 ? "yearly" : n === 2 ? "twice a year" : n === 3 ? "every term" : `${n} times a year`;
}
