/** School rows to the wire shape. */
import type { schools, tiers } from "../db/schema/index.js";

type SchoolRow = typeof schools.$inferSelect;
type TierRow = typeof tiers.$inferSelect;

export function presentTier(tier: TierRow | null | undefined) {
  if (!tier) return null;
  return {
    level: tier.level,
    name: tier.name,
    description: tier.description,
    ceoOneToOneWeeks: tier.ceoOneToOneWeeks,
    healthChecksPerYear: tier.healthChecksPerYear,
  };
}

export function presentSchool(school: SchoolRow, tier: TierRow | null | undefined) {
  return {
    id: school.id,
    name: school.name,
    slug: school.slug,
    phase: school.phase,
    urn: school.urn,
    tier: presentTier(tier),
  };
}
