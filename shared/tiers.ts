/** The default support-tier scheme (DESIGN section 2). A trust may rename and re-cadence its tiers: this only seeds them. */
export interface TierDefinition {
  level: number;
  name: string;
  description: string;
  /** Weeks between CEO 1:1 meetings with the headteacher. */
  ceoOneToOneWeeks: number;
  /** Health checks in an academic year: 1 yearly, 2 twice a year, 3 every term. */
  healthChecksPerYear: number;
}

export const DEFAULT_TIERS: readonly TierDefinition[] = [
  { level: 1, name: "Lead", description: "Leads improvement across the trust", ceoOneToOneWeeks: 4, healthChecksPerYear: 1 },
  { level: 2, name: "Grow", description: "Secure, growing towards leading", ceoOneToOneWeeks: 4, healthChecksPerYear: 1 },
  { level: 3, name: "Reinvent", description: "Needs targeted support to improve", ceoOneToOneWeeks: 2, healthChecksPerYear: 2 },
  { level: 4, name: "Stabilise", description: "Trust-led: intensive support", ceoOneToOneWeeks: 1, healthChecksPerYear: 3 },
];
