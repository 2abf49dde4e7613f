/**
 * The demo trust's documents, written the way its schools would write them: priorities with
 * measurable targets and owned, dated actions carrying a plausible RAG mix; SEFs with evidence on
 * the document's own framework. Deterministic given its inputs (ids included), so a reseed is stable.
 */
import { createHash } from "node:crypto";
import type * as Y from "yjs";
import type { ActionStatus, Phase, Rag } from "../../shared/enums.js";
import { FRAMEWORKS, gradesFor, SAFEGUARDING_AREA, type FrameworkKey } from "../../shared/frameworks/index.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { PHASE_PRIORITIES, PRIORITIES, RAPID_PRIORITIES, type PriorityName, type PrioritySeed, type Progress, type YearDate } from "./demoContentPlans.js";
import { EVIDENCE, EVIDENCE_2019, FINDINGS, phaseGroup, SAFEGUARDING_EVIDENCE } from "./demoContentSef.js";
import { DEMO_SCHOOLS } from "./demoTrust.js";
import type { DemoContentContext } from "./seedDemo.js";

export type { DemoContentContext };

/** What the demo knows about a school beyond its phase: its size, its priorities, its SEF grades. */
interface SchoolProfile {
  roll: number;
  disadvantaged: number;
  send: number;
  priorities: PriorityName[];
  rapid: (keyof typeof RAPID_PRIORITIES)[];
  /** Grades by area on the framework the SEF is written under; areas left out are not judged. */
  grades: Partial<Record<FrameworkKey, Record<string, string>>>;
  why?: string;
}

const PROFILES: Record<string, Partial<SchoolProfile>> = {
  "oakfield-primary": {
    roll: 412, disadvantaged: 31, send: 16, priorities: ["writingKs2", "attendancePrimary", "sendPrimary"],
    grades: { "ofsted-2025": { inclusion: "strong_standard", curriculum_teaching: "strong_standard", achievement: "expected_standard", attendance_behaviour: "expected_standard", personal_development: "strong_standard", leadership_governance: "strong_standard", early_years: "strong_standard" } },
  },
  "riverside-academy": {
    roll: 1184, disadvantaged: 38, send: 17, priorities: ["attendanceSecondary", "year11", "coaching", "enrichment"], rapid: ["attendance", "behaviour"],
    grades: { "ofsted-2025": { inclusion: "expected_standard", curriculum_teaching: "expected_standard", achievement: "needs_attention", attendance_behaviour: "needs_attention", personal_development: "expected_standard", leadership_governance: "expected_standard", sixth_form: "expected_standard" } },
    why: "Attendance fell to 91.6% last year, with persistent absence at 27.8%, and Year 11 disadvantaged pupils' Progress 8 was -0.62. The trust board moved the school to tier 3 in September. This plan sets out what changes in the six weeks to Christmas and how the trust will check it.",
  },
  "hillcrest-primary": {
    roll: 236, disadvantaged: 12, send: 11, priorities: ["phonics", "mathsMastery", "sendPrimary"],
    grades: { "ofsted-2019": { quality_of_education: "outstanding", behaviour_attitudes: "outstanding", personal_development: "good", leadership_management: "outstanding", early_years: "good" } },
  },
  "meadowbank-school": {
    roll: 1530, disadvantaged: 44, send: 19, priorities: ["leadershipCapacity", "attendanceSecondary", "year11", "phonics"], rapid: ["leadership", "safeguarding", "behaviour"],
    grades: { "ofsted-2025": { inclusion: "needs_attention", curriculum_teaching: "expected_standard", achievement: "needs_attention", attendance_behaviour: "needs_attention", personal_development: "expected_standard", leadership_governance: "urgent_improvement", early_years: "expected_standard", sixth_form: "expected_standard" } },
    why: "Inspectors in September judged leadership and governance as needing urgent improvement: leaders had not acted quickly enough on weak attendance and behaviour, and safeguarding records were inconsistent (safeguarding itself was met). The trust board moved the school to tier 4 in October: the school is now in tier 4 and this plan is led by the trust.",
  },
  "st-aidans-ce-primary": {
    roll: 208, disadvantaged: 19, send: 13, priorities: ["mathsMastery", "phonics", "sendPrimary"],
    grades: { "ofsted-2025": { inclusion: "strong_standard", curriculum_teaching: "expected_standard", achievement: "expected_standard", attendance_behaviour: "strong_standard", personal_development: "strong_standard", leadership_governance: "strong_standard", early_years: "expected_standard" } },
  },
  "brookside-special-school": {
    roll: 148, disadvantaged: 47, send: 100, priorities: ["ehcpOutcomes", "adulthood", "inclusionHub"],
    grades: { "ofsted-2025": { inclusion: "exceptional", curriculum_teaching: "strong_standard", achievement: "strong_standard", attendance_behaviour: "strong_standard", personal_development: "exceptional", leadership_governance: "strong_standard", sixth_form: "strong_standard" } },
  },
  "the-bridge-academy": {
    roll: 64, disadvantaged: 68, send: 41, priorities: ["reintegration", "attendanceAp", "enrichment"], rapid: ["reintegration", "attendance"],
    grades: { "ofsted-2025": { inclusion: "expected_standard", curriculum_teaching: "expected_standard", achievement: "needs_attention", attendance_behaviour: "needs_attention", personal_development: "strong_standard", leadership_governance: "expected_standard" } },
    why: "A new leadership team took over in September. Only 22% of pupils returned to mainstream within two terms last year and a third of placements had no agreed plan. The trust has placed the school in tier 3 while the new team establishes its routines.",
  },
};

const PHASE_SIZE: Record<Phase, Pick<SchoolProfile, "roll" | "disadvantaged" | "send">> = {
  primary: { roll: 315, disadvantaged: 24, send: 14 },
  secondary: { roll: 1050, disadvantaged: 32, send: 15 },
  all_through: { roll: 1400, disadvantaged: 35, send: 16 },
  special: { roll: 140, disadvantaged: 45, send: 100 },
  alternative: { roll: 60, disadvantaged: 65, send: 40 },
};

function profileFor(ctx: DemoContentContext): SchoolProfile {
  const slug = DEMO_SCHOOLS.find((s) => s.name === ctx.schoolName)?.slug;
  const known = (slug && PROFILES[slug]) || {};
  return {
    ...PHASE_SIZE[ctx.phase],
    priorities: PHASE_PRIORITIES[ctx.phase],
    rapid: ["attendance", "behaviour"],
    grades: {},
    ...known,
  };
}

/** A UUID (v5 layout) from a name, so a block keeps its id across reseeds. */
function stableId(name: string): string {
  const h = createHash("sha1").update(name).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The ISO date of a milestone in the academic year that starts in September of `startYear`. */
function isoDate(startYear: number, when: YearDate): string {
  const dates: Record<YearDate, [number, string]> = {
    "sep-start": [0, "09-03"], "sep-end": [0, "09-30"], "oct-ht": [0, "10-23"], "nov-start": [0, "11-02"], "nov-mid": [0, "11-13"],
    "nov-end": [0, "11-27"], "dec-mid": [0, "12-11"], "dec-end": [0, "12-18"], "jan-start": [1, "01-05"], "feb-ht": [1, "02-12"],
    "mar-end": [1, "03-26"], "may-ht": [1, "05-21"], "jul-end": [1, "07-21"], "aug-results": [1, "08-20"],
  };
  const [offset, monthDay] = dates[when];
  return `${startYear + offset}-${monthDay}`;
}

const PROGRESS: Record<Progress, { status: ActionStatus; rag: Rag }> = {
  done: { status: "complete", rag: "blue" },
  on_track: { status: "in_progress", rag: "green" },
  at_risk: { status: "in_progress", rag: "amber" },
  late: { status: "in_progress", rag: "red" },
  future: { status: "not_started", rag: "none" },
};

/** The grade a school the demo has no profile for gives itself: the middle of each scale, never mapped. */
const DEFAULT_GRADE: Record<FrameworkKey, string> = { "ofsted-2025": "expected_standard", "ofsted-2019": "good" };

/** Plans written under ofsted-2019 tag priorities with that framework's own areas. */
const AREA_2019: Record<string, string> = {
  attendance_behaviour: "behaviour_attitudes", achievement: "quality_of_education", curriculum_teaching: "quality_of_education",
  inclusion: "quality_of_education", personal_development: "personal_development", leadership_governance: "leadership_management",
};

class DemoWriter {
  private n = 0;
  readonly startYear: number;
  private readonly leaders: string[];
  private readonly governors: string[];

  constructor(readonly ctx: DemoContentContext) {
    this.startYear = Number(ctx.academicYear.slice(0, 4));
    this.leaders = ctx.people.filter((p) => p.role === "school_leader" || p.role === "improvement_champion").map((p) => p.id);
    this.governors = ctx.people.filter((p) => p.role === "governor").map((p) => p.id);
  }

  id = () => stableId(`${this.ctx.schoolName}|${this.ctx.kind}|${this.ctx.academicYear}|${this.n++}`);

  private owner(role: "lead" | "second" | "governor" | undefined, i: number): string[] {
    const pick = (list: string[], k: number) => (list.length ? [list[k % list.length]!] : []);
    if (role === "governor") return pick(this.governors, 0).length ? pick(this.governors, 0) : pick(this.leaders, i);
    return pick(this.leaders, role === "second" ? i + 1 : i);
  }

  private area(area: string): string {
    return this.ctx.framework === "ofsted-2019" ? AREA_2019[area] ?? area : area;
  }

  /** A priority, each target, and under each target the actions that serve it. */
  priority(seed: PrioritySeed, i: number): PlanNode[] {
    const area = this.area(seed.area);
    const lead = this.owner("lead", i);
    const nodes: PlanNode[] = [{ type: "priority", attrs: { area }, text: seed.title }];
    seed.targets.forEach((t, ti) => {
      nodes.push({
        type: "target",
        text: t.text,
        attrs: { area, measure: t.measure, baseline: t.baseline, goal: t.goal, current: t.current, due: isoDate(this.startYear, t.due), owners: lead, rag: t.rag },
      });
      for (const a of seed.actions.filter((a) => (a.target ?? 0) === ti)) {
        nodes.push({
          type: "action",
          text: a.text,
          attrs: {
            owners: this.owner(a.owner, i), start: isoDate(this.startYear, a.start), due: isoDate(this.startYear, a.due),
            ...PROGRESS[a.progress], successCriteria: a.successCriteria, cost: a.cost,
          },
        });
      }
    });
    return nodes;
  }
}

/** Lower-cases a title's first word for use mid-sentence; acronyms (SEND, EHCP, KS2) and "Year 2" keep their capitals. */
function lowerFirst(title: string): string {
  const [first = "", ...rest] = title.split(" ");
  const keep = first.length > 1 && first === first.toUpperCase();
  return [keep ? first : first.charAt(0).toLowerCase() + first.slice(1), ...rest].join(" ");
}

const h2 = (text: string): PlanNode => ({ type: "heading", level: 2, text });
const p = (text: string): PlanNode => ({ type: "paragraph", text });

function context(ctx: DemoContentContext, profile: SchoolProfile): string {
  const kind = { primary: "primary school", secondary: "secondary academy", all_through: "all-through school", special: "special school", alternative: "alternative provision academy" }[ctx.phase];
  const send = profile.send >= 100 ? "every pupil has an education, health and care plan" : `${profile.send}% of pupils receive SEN support or have an EHC plan`;
  return `${ctx.schoolName} is a ${kind} with ${profile.roll} pupils on roll. ${profile.disadvantaged}% are disadvantaged and ${send}.`;
}

function plan(w: DemoWriter, profile: SchoolProfile): PlanNode[] {
  const termly = w.ctx.kind === "single_plan";
  const seeds = profile.priorities.slice(0, termly ? 3 : 4).map((name) => PRIORITIES[name]);
  return [
    h2("Where we are now"),
    p(`${context(w.ctx, profile)} ${termly ? "This plan covers the autumn term and is reviewed at each half term." : `This plan sets the school's priorities for ${w.ctx.academicYear}; its RAG ratings are updated every half term.`}`),
    h2(termly ? "Priorities this term" : "Strategic priorities for the year"),
    ...seeds.flatMap((seed, i) => w.priority(seed, i)),
    h2("Monitoring and evaluation"),
    p("The senior team reviews every action's RAG rating at the end of each half term, with evidence. The local governing board receives a summary at each meeting and link governors visit once a term for their priority. The trust's School Improvement Officer checks progress at the termly health check."),
  ];
}

function sef(w: DemoWriter, profile: SchoolProfile): PlanNode[] {
  const { ctx } = w;
  const f = FRAMEWORKS[ctx.framework];
  const grades = profile.grades[ctx.framework] ?? {};
  const evidence = ctx.framework === "ofsted-2019" ? EVIDENCE_2019 : EVIDENCE[phaseGroup(ctx.phase)];
  // Judge only what the school has: no sixth form in a primary, and no overall grade for state schools.
  const areas = f.areas.filter((a) => (a.optional ? a.key in grades : true));
  const judgements = areas.map((a): PlanNode => {
    const grade = grades[a.key] ?? DEFAULT_GRADE[ctx.framework];
    return { type: "judgement", attrs: { framework: ctx.framework, area: a.key, grade }, text: evidence[a.key] ?? "" };
  });
  const safe = gradesFor(ctx.framework, SAFEGUARDING_AREA)[0]!.key;
  return [
    h2("School context"),
    p(`${context(ctx, profile)} The school joined the trust in 2019. This evaluation was updated in November ${w.startYear} for the local governing board.`),
    h2(`Evaluation: ${f.label}`),
    ...judgements,
    { type: "judgement", attrs: { framework: ctx.framework, area: SAFEGUARDING_AREA, grade: safe }, text: SAFEGUARDING_EVIDENCE },
    h2("Next steps"),
    p(`The priorities in this year's plan follow from this evaluation: ${profile.priorities.map((n) => lowerFirst(PRIORITIES[n].title)).join("; ")}.`),
  ];
}

function peerReview(w: DemoWriter): PlanNode[] {
  const findings = FINDINGS[phaseGroup(w.ctx.phase)];
  const finding = (kind: "strength" | "development") =>
    findings.filter((f) => f.kind === kind).map((f): PlanNode => ({ type: "finding", attrs: { kind, area: w.ctx.framework === "ofsted-2019" ? AREA_2019[f.area] ?? f.area : f.area }, text: f.text }));
  return [
    h2("Review focus"),
    p(`Half-termly peer review, autumn 1 ${w.startYear}, led by the school's Improvement Champion with two headteachers from partner schools. Evidence: lesson visits across the school, work in books, conversations with pupils and with subject and SEND leaders.`),
    h2("Strengths"),
    ...finding("strength"),
    h2("Areas for development"),
    ...finding("development"),
    h2("Agreed next steps"),
    p("Each area for development becomes an owned action in the school's plan, checked at the next review in December."),
  ];
}

function actionPlan(w: DemoWriter, profile: SchoolProfile): PlanNode[] {
  return [
    h2("Why this plan is needed"),
    p(profile.why ?? "The trust board placed the school in a higher support tier in September. This plan sets out the urgent work for the six weeks to Christmas."),
    h2("Urgent priorities"),
    ...profile.rapid.flatMap((key, i) => w.priority(RAPID_PRIORITIES[key], i)),
    h2("Trust support and challenge"),
    p("The trust's School Improvement Officer works in school one day a week. The CEO reviews this plan fortnightly with the headteacher and the chair of governors, and every RAG rating is checked against evidence at that meeting."),
    h2("Exit criteria"),
    { type: "bulletList", items: ["Every target in this plan green for two consecutive reviews", "Leaders' monitoring shows the changes are consistent without trust staff in the room", "The Trust Board agrees the school can return to its usual tier"] },
  ];
}

/** Writes the demo document into `doc.getXmlFragment('default')`, as the editor would store it. */
export function writeDemoContent(doc: Y.Doc, ctx: DemoContentContext): void {
  const w = new DemoWriter(ctx);
  const profile = profileFor(ctx);
  const nodes = {
    single_plan: () => plan(w, profile),
    adp: () => plan(w, profile),
    sef: () => sef(w, profile),
    peer_review: () => peerReview(w),
    action_plan: () => actionPlan(w, profile),
  }[ctx.kind]();
  writePlanNodes(doc.getXmlFragment("default"), nodes, { makeId: w.id });
}
