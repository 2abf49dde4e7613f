/** The demo trust: schools at every tier and several phases, a person per role, and their plans. */
import { ROLE_LABELS, type DocumentKind, type Phase, type Role, type Term } from "../../shared/enums.js";
import type { FrameworkKey } from "../../shared/frameworks/index.js";

export const DEMO_PASSWORD = "trellis-demo-2026";

export interface DemoSchool {
  slug: string;
  name: string;
  phase: Phase;
  urn: string;
  tier: number;
  tierReason: string;
  /** When the current tier was set (ISO date): the plans' own words say when, so the history must agree. */
  tierSetOn: string;
  /** Earlier tiers, oldest first, to give the history some depth. */
  tierHistory?: { tier: number; reason: string; setOn: string }[];
}

/** The board's tiering meeting for 2026/27, and the one that closed 2025/26. */
const SEPTEMBER_BOARD = "2026-09-17";
const JULY_BOARD = "2026-07-09";

export const DEMO_SCHOOLS: DemoSchool[] = [
  { slug: "oakfield-primary", name: "Oakfield Primary", phase: "primary", urn: "140211", tier: 2, tierReason: "Good outcomes; writing at KS2 still below national", tierSetOn: SEPTEMBER_BOARD },
  {
    slug: "riverside-academy", name: "Riverside Academy", phase: "secondary", urn: "137845", tier: 3,
    tierReason: "Attendance and Year 11 outcomes need targeted support", tierSetOn: SEPTEMBER_BOARD,
    tierHistory: [{ tier: 2, reason: "Board tiering for 2026/27, July", setOn: JULY_BOARD }],
  },
  { slug: "hillcrest-primary", name: "Hillcrest Primary", phase: "primary", urn: "141907", tier: 1, tierReason: "Consistently strong outcomes; leads the trust's reading hub", tierSetOn: SEPTEMBER_BOARD },
  {
    slug: "meadowbank-school", name: "Meadowbank School", phase: "all_through", urn: "143322", tier: 4,
    // Inspected in September; the board moved it to tier 4 at its next meeting.
    tierReason: "Urgent improvement judgement in leadership: trust-led plan", tierSetOn: "2026-10-01",
    tierHistory: [{ tier: 3, reason: "Board tiering, September", setOn: SEPTEMBER_BOARD }],
  },
  { slug: "st-aidans-ce-primary", name: "St Aidan's CE Primary", phase: "primary", urn: "139560", tier: 2, tierReason: "Secure; developing maths mastery", tierSetOn: SEPTEMBER_BOARD },
  { slug: "brookside-special-school", name: "Brookside Special School", phase: "special", urn: "142088", tier: 1, tierReason: "Exceptional inclusion practice shared across the trust", tierSetOn: SEPTEMBER_BOARD },
  { slug: "the-bridge-academy", name: "The Bridge Academy", phase: "alternative", urn: "144519", tier: 3, tierReason: "New leadership team; reintegration rates below target", tierSetOn: SEPTEMBER_BOARD },
];

export interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  /** School slug for school roles. */
  school?: string;
}

/** The logins the README lists come first; every school also gets a head and a governor. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { email: "admin@trellis.test", name: "Priya Shah", role: "trust_admin" },
  { email: "ceo@trellis.test", name: "Dr Helen Marsh", role: "trust_lead" },
  { email: "trustee@trellis.test", name: "Robert Okafor", role: "trustee" },
  { email: "head.oakfield@trellis.test", name: "Sarah Whitfield", role: "school_leader", school: "oakfield-primary" },
  { email: "champion.oakfield@trellis.test", name: "James Carter", role: "improvement_champion", school: "oakfield-primary" },
  { email: "governor.oakfield@trellis.test", name: "Margaret Ellis", role: "governor", school: "oakfield-primary" },
  { email: "head.riverside@trellis.test", name: "Daniel Osei", role: "school_leader", school: "riverside-academy" },
  { email: "sio@trellis.test", name: "Fiona Grant", role: "trust_lead" },
  { email: "deputy.oakfield@trellis.test", name: "Tom Bradley", role: "school_leader", school: "oakfield-primary" },
  { email: "senco.oakfield@trellis.test", name: "Aisha Rahman", role: "school_leader", school: "oakfield-primary" },
  { email: "viewer.oakfield@trellis.test", name: "Karen Doyle", role: "viewer", school: "oakfield-primary" },
  { email: "governor.riverside@trellis.test", name: "Peter Lowe", role: "governor", school: "riverside-academy" },
  { email: "deputy.riverside@trellis.test", name: "Nadia Hussain", role: "school_leader", school: "riverside-academy" },
  { email: "champion.riverside@trellis.test", name: "Gareth Price", role: "improvement_champion", school: "riverside-academy" },
  { email: "head.hillcrest@trellis.test", name: "Emma Lawson", role: "school_leader", school: "hillcrest-primary" },
  { email: "governor.hillcrest@trellis.test", name: "David Kemp", role: "governor", school: "hillcrest-primary" },
  { email: "head.meadowbank@trellis.test", name: "Mark Jennings", role: "school_leader", school: "meadowbank-school" },
  { email: "governor.meadowbank@trellis.test", name: "Susan Akhtar", role: "governor", school: "meadowbank-school" },
  { email: "head.staidans@trellis.test", name: "Claire Donnelly", role: "school_leader", school: "st-aidans-ce-primary" },
  { email: "governor.staidans@trellis.test", name: "Revd Andrew Hale", role: "governor", school: "st-aidans-ce-primary" },
  { email: "head.brookside@trellis.test", name: "Julie Thornton", role: "school_leader", school: "brookside-special-school" },
  { email: "governor.brookside@trellis.test", name: "Colin Marsh", role: "governor", school: "brookside-special-school" },
  { email: "head.bridge@trellis.test", name: "Leon Armstrong", role: "school_leader", school: "the-bridge-academy" },
  { email: "governor.bridge@trellis.test", name: "Yvonne Clarke", role: "governor", school: "the-bridge-academy" },
];

/** The logins printed by `npm run demo` and listed in the README, in the README's words. */
export const DEMO_LISTED_LOGINS = 7;

/** "school leader, Oakfield Primary", "trust lead (CEO)": a demo person's role as the README's table words it. */
export function demoRoleWords(p: DemoPerson): string {
  const label = p.role === "improvement_champion" ? ROLE_LABELS[p.role] : ROLE_LABELS[p.role].toLowerCase();
  const school = p.school ? DEMO_SCHOOLS.find((s) => s.slug === p.school)?.name : undefined;
  return `${label}${p.email === "ceo@trellis.test" ? " (CEO)" : ""}${school ? `, ${school}` : ""}`;
}

/** The console's list of demo logins: one line per listed person, email then role. */
export function demoLoginLines(): string[] {
  return DEMO_PEOPLE.slice(0, DEMO_LISTED_LOGINS).map((p) => `  ${p.email.padEnd(34)} ${demoRoleWords(p)}`);
}

export interface DemoDocument {
  school: string;
  kind: DocumentKind;
  title: string;
  term?: Term;
  framework: FrameworkKey;
  status?: "draft" | "in_review" | "approved";
}

export const DEMO_ACADEMIC_YEAR = "2026/27";

/** Every school has a Single Plan or ADP and a SEF; some also have a peer review or action plan. */
export const DEMO_DOCUMENTS: DemoDocument[] = DEMO_SCHOOLS.flatMap((s): DemoDocument[] => {
  const docs: DemoDocument[] = [
    s.phase === "primary"
      ? { school: s.slug, kind: "single_plan", title: `${s.name}: Single Plan, autumn 2026`, term: "autumn", framework: "ofsted-2025" }
      : { school: s.slug, kind: "adp", title: `${s.name}: Academy Development Plan 2026/27`, framework: "ofsted-2025" },
    { school: s.slug, kind: "sef", title: `${s.name}: Self-Evaluation Form 2026/27`, framework: s.slug === "hillcrest-primary" ? "ofsted-2019" : "ofsted-2025", status: "in_review" },
  ];
  if (s.tier >= 3) docs.push({ school: s.slug, kind: "action_plan", title: `${s.name}: Rapid action plan`, framework: "ofsted-2025" });
  if (s.slug === "oakfield-primary" || s.slug === "riverside-academy") {
    docs.push({ school: s.slug, kind: "peer_review", title: `${s.name}: Peer review, autumn 1`, term: "autumn", framework: "ofsted-2025" });
  }
  return docs;
});
