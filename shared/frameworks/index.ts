/** Evaluation frameworks as data (DESIGN section 2). The two Ofsted scales are never mapped onto each other. */

export interface FrameworkArea {
  key: string;
  label: string;
  /** Only judged where the school has the provision (early years, sixth form). */
  optional?: boolean;
}

export interface FrameworkGrade {
  key: string;
  label: string;
  /** 0 is the best grade on this framework's own scale; used for ordering, never for comparing frameworks. */
  rank: number;
}

export interface Framework {
  key: FrameworkKey;
  label: string;
  areas: readonly FrameworkArea[];
  scale: readonly FrameworkGrade[];
  /** Safeguarding is judged apart from the scale, as a judgement block whose area is `safeguarding`. */
  safeguarding: { label: string; grades: readonly FrameworkGrade[] };
}

export const FRAMEWORK_KEYS = ["ofsted-2025", "ofsted-2019"] as const;
export type FrameworkKey = (typeof FRAMEWORK_KEYS)[number];

export const FRAMEWORKS: Record<FrameworkKey, Framework> = {
  "ofsted-2025": {
    key: "ofsted-2025",
    label: "Ofsted report card (from November 2025)",
    areas: [
      { key: "inclusion", label: "Inclusion" },
      { key: "curriculum_teaching", label: "Curriculum and teaching" },
      { key: "achievement", label: "Achievement" },
      { key: "attendance_behaviour", label: "Attendance and behaviour" },
      { key: "personal_development", label: "Personal development and well-being" },
      { key: "leadership_governance", label: "Leadership and governance" },
      { key: "early_years", label: "Early years", optional: true },
      { key: "sixth_form", label: "Sixth form", optional: true },
    ],
    scale: [
      { key: "exceptional", label: "Exceptional", rank: 0 },
      { key: "strong_standard", label: "Strong standard", rank: 1 },
      { key: "expected_standard", label: "Expected standard", rank: 2 },
      { key: "needs_attention", label: "Needs attention", rank: 3 },
      { key: "urgent_improvement", label: "Urgent improvement", rank: 4 },
    ],
    safeguarding: {
      label: "Safeguarding",
      grades: [
        { key: "met", label: "Met", rank: 0 },
        { key: "not_met", label: "Not met", rank: 1 },
      ],
    },
  },
  "ofsted-2019": {
    key: "ofsted-2019",
    label: "Ofsted education inspection framework (2019 to 2025)",
    areas: [
      { key: "quality_of_education", label: "Quality of education" },
      { key: "behaviour_attitudes", label: "Behaviour and attitudes" },
      { key: "personal_development", label: "Personal development" },
      { key: "leadership_management", label: "Leadership and management" },
      { key: "early_years", label: "Early years", optional: true },
      { key: "sixth_form", label: "Sixth form", optional: true },
      { key: "overall_effectiveness", label: "Overall effectiveness", optional: true },
    ],
    scale: [
      { key: "outstanding", label: "Outstanding", rank: 0 },
      { key: "good", label: "Good", rank: 1 },
      { key: "requires_improvement", label: "Requires improvement", rank: 2 },
      { key: "inadequate", label: "Inadequate", rank: 3 },
    ],
    safeguarding: {
      label: "Safeguarding",
      grades: [
        { key: "effective", label: "Effective", rank: 0 },
        { key: "not_effective", label: "Not effective", rank: 1 },
      ],
    },
  },
};

export const DEFAULT_FRAMEWORK: FrameworkKey = "ofsted-2025";

export const isFrameworkKey = (value: unknown): value is FrameworkKey =>
  typeof value === "string" && (FRAMEWORK_KEYS as readonly string[]).includes(value);

/** Every area key across all frameworks, for validating an `area` whose framework is not known. */
export const ALL_AREA_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(FRAMEWORKS).flatMap((f) => f.areas.map((a) => a.key)),
  "safeguarding",
]);

export function areaLabel(framework: FrameworkKey | null | undefined, area: string): string {
  const frameworks = framework ? [FRAMEWORKS[framework]] : Object.values(FRAMEWORKS);
  if (area === "safeguarding") return "Safeguarding";
  for (const f of frameworks) {
    const found = f.areas.find((a) => a.key === area);
    if (found) return found.label;
  }
  return area;
}

export const SAFEGUARDING_AREA = "safeguarding";

/** A grade key's words on whichever framework's scale has it (keys are not shared between scales). */
export function anyGradeLabel(grade: string): string {
  for (const f of Object.values(FRAMEWORKS)) {
    const found = [...f.scale, ...f.safeguarding.grades].find((g) => g.key === grade);
    if (found) return found.label;
  }
  return grade;
}

/** The grades a judgement of `area` may take under `framework`: safeguarding has its own two. */
export function gradesFor(framework: FrameworkKey, area: string): readonly FrameworkGrade[] {
  const f = FRAMEWORKS[framework];
  return area === SAFEGUARDING_AREA ? f.safeguarding.grades : f.scale;
}
