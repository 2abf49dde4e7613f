/**
 * The demo trust's plan priorities, as a school would write them, by phase. Dates are keys into the
 * academic year (see demoContent.ts) and progress says how an action stands in the second half of
 * the autumn term, which is when the demo is set.
 */
import type { Phase } from "../../shared/enums.js";
import type { Rag } from "../../shared/enums.js";

/** Milestones of an academic year: half-term ends, the start of term, and the summer results. */
export type YearDate =
  | "sep-start" | "sep-end" | "oct-ht" | "nov-start" | "nov-mid" | "nov-end" | "dec-mid" | "dec-end"
  | "jan-start" | "feb-ht" | "mar-end" | "may-ht" | "jul-end" | "aug-results";

/** How an action stands today: drives both status and RAG so the two never disagree. */
export type Progress = "done" | "on_track" | "at_risk" | "late" | "future";

export interface TargetSeed {
  text: string;
  measure: string;
  baseline: string;
  goal: string;
  current?: string;
  due: YearDate;
  rag: Rag;
}

export interface ActionSeed {
  text: string;
  successCriteria: string;
  start: YearDate;
  due: YearDate;
  progress: Progress;
  cost?: string;
  /** Which of the school's people owns it: the lead for the priority, a second leader, or a governor. */
  owner?: "lead" | "second" | "governor";
  /** The index of the priority's target it serves; it is written under that target. */
  target?: number;
}

export interface PrioritySeed {
  /** An ofsted-2025 area key; demoContent.ts maps it for plans written under ofsted-2019. */
  area: string;
  title: string;
  targets: TargetSeed[];
  actions: ActionSeed[];
}

const attendancePrimary: PrioritySeed = {
  area: "attendance_behaviour",
  title: "Improve attendance of disadvantaged pupils",
  targets: [
    { text: "Reduce persistent absence among disadvantaged pupils", measure: "Persistent absence, disadvantaged pupils", baseline: "21.4% (2025/26)", goal: "15% or below", current: "18.9% (autumn 1)", due: "jul-end", rag: "amber" },
    { text: "Raise whole-school attendance to at least the national average", measure: "Overall attendance", baseline: "94.1%", goal: "96%", current: "95.3% (autumn 1)", due: "jul-end", rag: "green" },
  ],
  actions: [
    { text: "Fortnightly attendance panel with the education welfare officer to review every pupil below 90%", successCriteria: "Every pupil below 90% has a named adult and a support plan agreed with parents within two weeks", start: "sep-start", due: "jul-end", progress: "on_track", owner: "second" },
    { text: "First-day calls for every unexplained absence, and a home visit on day three", successCriteria: "All unexplained absences followed up the same day; home visit log kept", start: "sep-start", due: "oct-ht", progress: "done", owner: "second" },
    { text: "Free breakfast club places for families of persistently absent pupils", successCriteria: "At least 20 targeted pupils attend breakfast club three or more days a week", start: "oct-ht", due: "dec-end", progress: "at_risk", cost: "£6,800 (pupil premium)", owner: "lead" },
  ],
};

const writingKs2: PrioritySeed = {
  area: "achievement",
  title: "Raise attainment in writing by the end of Key Stage 2",
  targets: [
    { text: "More Year 6 pupils working at the expected standard in writing", measure: "KS2 writing, expected standard (teacher assessment)", baseline: "64% (2026)", goal: "74% (national 72%)", current: "61% (Y6 autumn assessment)", due: "jul-end", rag: "amber" },
    { text: "Close the gap in writing for disadvantaged pupils", measure: "Gap to other pupils, KS2 writing expected standard", baseline: "19 points", goal: "10 points or fewer", due: "jul-end", rag: "none" },
  ],
  actions: [
    { text: "Introduce sentence-level modelling (sentence stacking) in every class from Year 2 to Year 6", successCriteria: "Learning walks show modelled sentences in 9 of 10 lessons; books show the same by February", start: "sep-start", due: "feb-ht", progress: "on_track", owner: "second" },
    { text: "Moderate Year 6 writing with two trust schools each half term", successCriteria: "Teacher assessments agree with moderators in at least 90% of sampled pieces", start: "oct-ht", due: "may-ht", progress: "on_track", owner: "lead" },
    { text: "Targeted writing group for 14 Year 6 pupils close to the expected standard", successCriteria: "At least 10 of the 14 reach the expected standard in the spring assessment", start: "oct-ht", due: "mar-end", progress: "at_risk", cost: "£3,200 (tutoring grant)", owner: "second" },
  ],
};

const phonics: PrioritySeed = {
  area: "curriculum_teaching",
  title: "Every pupil reads fluently by the end of Year 2",
  targets: [
    { text: "Raise the Year 1 phonics screening check pass rate", measure: "Phonics screening check, Year 1 pass rate", baseline: "76% (2026)", goal: "85%", current: "Autumn mock: 68% on track", due: "jul-end", rag: "amber" },
  ],
  actions: [
    { text: "Refresher training in the school's validated phonics programme for all Key Stage 1 staff and teaching assistants", successCriteria: "All 11 staff trained; every phonics lesson observed follows the programme's sequence", start: "sep-start", due: "sep-end", progress: "done", owner: "second" },
    { text: "Daily keep-up sessions for the lowest 20% of readers in Reception and Year 1", successCriteria: "Keep-up pupils move up at least one phonics phase each half term", start: "sep-end", due: "jul-end", progress: "on_track", owner: "second" },
    { text: "Reading fluency checks for every Year 2 pupil each half term", successCriteria: "Fluency data drives regrouping within a week of each check", start: "oct-ht", due: "jul-end", progress: "at_risk", owner: "lead" },
  ],
};

const sendPrimary: PrioritySeed = {
  area: "inclusion",
  title: "Pupils with SEND get the adaptations they need in every lesson",
  targets: [
    { text: "Every pupil on the SEND register has a support plan reviewed with parents each term", measure: "Support plans reviewed with parents this term", baseline: "58%", goal: "100%", current: "82% (autumn 1)", due: "dec-end", rag: "green" },
  ],
  actions: [
    { text: "Adaptive teaching training: five strategies every teacher uses, introduced one per half term", successCriteria: "Learning walks find the agreed strategies in use in 8 of 10 lessons by Easter", start: "sep-start", due: "mar-end", progress: "on_track", owner: "second" },
    { text: "SENCO learning walks with each phase leader, focused on adaptations for pupils with SEND", successCriteria: "Written feedback to every teacher; follow-up visit within three weeks", start: "oct-ht", due: "jul-end", progress: "on_track", owner: "lead" },
    { text: "Link governor for SEND visits and reports to the local governing board", successCriteria: "Visit note shared with the board each term", start: "jan-start", due: "mar-end", progress: "future", owner: "governor" },
  ],
};

const mathsMastery: PrioritySeed = {
  area: "curriculum_teaching",
  title: "Embed maths mastery so pupils recall number facts fluently",
  targets: [
    { text: "Improve recall of times tables by the end of Year 4", measure: "Multiplication tables check, average score", baseline: "19.2 / 25 (2026)", goal: "21.5 / 25", current: "20.1 / 25 (practice check, November)", due: "jul-end", rag: "green" },
  ],
  actions: [
    { text: "Daily ten-minute fluency sessions in every class from Year 1 to Year 6", successCriteria: "Sessions seen in every drop-in; termly fluency checks improve in each year group", start: "sep-start", due: "jul-end", progress: "on_track", owner: "second" },
    { text: "Maths hub teaching-for-mastery work group for two teachers", successCriteria: "Both teachers complete the programme and lead a staff meeting each", start: "sep-end", due: "may-ht", progress: "on_track", cost: "Funded by the maths hub", owner: "lead" },
  ],
};

const attendanceSecondary: PrioritySeed = {
  area: "attendance_behaviour",
  title: "Improve attendance and reduce suspensions",
  targets: [
    { text: "Reduce persistent absence", measure: "Persistent absence, all pupils", baseline: "27.8% (2025/26)", goal: "20%", current: "24.6% (to half term)", due: "jul-end", rag: "amber" },
    { text: "Fewer suspensions, especially for pupils with SEND", measure: "Suspensions per 100 pupils", baseline: "14.2", goal: "9", current: "13.9 (rolling 12 months to November)", due: "jul-end", rag: "red" },
  ],
  actions: [
    { text: "Restructure the attendance team: one attendance officer per key stage with a caseload of the 40 lowest attenders", successCriteria: "Caseload pupils improve attendance by 5 points on average by February half term", start: "sep-start", due: "sep-end", progress: "done", owner: "second" },
    { target: 1, text: "Year 9 reset programme: mentoring and a weekly report for pupils with three or more behaviour points", successCriteria: "Repeat behaviour points fall by a third for pupils on the programme", start: "oct-ht", due: "feb-ht", progress: "at_risk", owner: "second" },
    { target: 1, text: "Reintegration meetings with parents after every suspension, with a plan reviewed after four weeks", successCriteria: "100% of returning pupils have a reintegration meeting on their first day back", start: "sep-start", due: "oct-ht", progress: "late", owner: "lead" },
  ],
};

const year11: PrioritySeed = {
  area: "achievement",
  title: "Raise Year 11 outcomes, particularly for disadvantaged pupils",
  targets: [
    { text: "Improve progress of disadvantaged pupils", measure: "Progress 8, disadvantaged pupils", baseline: "-0.62 (2026)", goal: "-0.30", current: "-0.48 (November mock projection)", due: "aug-results", rag: "amber" },
    { text: "More pupils achieving grade 4 or above in English and maths", measure: "Grade 4+ in English and maths", baseline: "58%", goal: "65%", current: "60% (November mocks)", due: "aug-results", rag: "amber" },
  ],
  actions: [
    { target: 1, text: "Period 6 sessions for Year 11 in English, maths and science, prioritising disadvantaged pupils", successCriteria: "Attendance at sessions of at least 80% for invited pupils", start: "sep-end", due: "may-ht", progress: "on_track", cost: "£9,500 (staff time)", owner: "second" },
    { target: 1, text: "Question-level analysis of each mock returned to departments within two weeks", successCriteria: "Each department has a re-teaching plan after every mock series", start: "nov-start", due: "mar-end", progress: "on_track", owner: "lead" },
    { text: "Mentoring for 30 disadvantaged Year 11 pupils by senior and middle leaders", successCriteria: "Every mentee meets their mentor fortnightly; mock grades rise by a grade on average", start: "sep-end", due: "may-ht", progress: "on_track", owner: "second" },
  ],
};

const coaching: PrioritySeed = {
  area: "curriculum_teaching",
  title: "Consistently strong teaching through instructional coaching",
  targets: [
    { text: "Every teacher receives regular instructional coaching", measure: "Teachers receiving fortnightly coaching", baseline: "0% (new this year)", goal: "100%", current: "86%", due: "dec-end", rag: "green" },
  ],
  actions: [
    { text: "Fortnightly coaching cycles for every teacher, one action step at a time", successCriteria: "Coaching log shows an action step practised and revisited for every teacher", start: "sep-end", due: "jul-end", progress: "on_track", owner: "second" },
    { text: "Key Stage 3 curriculum reviews in every department, led with the trust's subject leads", successCriteria: "Each department's Year 7 to 9 sequence reviewed and published by Easter", start: "oct-ht", due: "mar-end", progress: "on_track", owner: "lead" },
  ],
};

const enrichment: PrioritySeed = {
  area: "personal_development",
  title: "Broaden enrichment and careers guidance for every pupil",
  targets: [
    { text: "More disadvantaged pupils taking part in clubs and enrichment", measure: "Disadvantaged pupils attending at least one club", baseline: "31%", goal: "50%", current: "38%", due: "jul-end", rag: "amber" },
    { text: "Meet the Gatsby benchmarks for careers guidance", measure: "Gatsby benchmarks fully met (Compass+)", baseline: "5 of 8", goal: "7 of 8", due: "jul-end", rag: "none" },
  ],
  actions: [
    { text: "Enrichment passport for Years 7 and 8, tracked through registers", successCriteria: "Passport completion reported to governors each term", start: "sep-start", due: "dec-end", progress: "on_track", owner: "second" },
    { target: 1, text: "Employer encounter for every Year 10 pupil through the local enterprise adviser network", successCriteria: "Every Year 10 pupil has at least one employer encounter logged by summer", start: "feb-ht", due: "jul-end", progress: "future", owner: "second" },
  ],
};

const leadershipCapacity: PrioritySeed = {
  area: "leadership_governance",
  title: "Build leadership capacity so improvement is owned in every department",
  targets: [
    { text: "Middle leaders lead quality assurance of their own areas", measure: "Departments completing the QA calendar each half term", baseline: "4 of 11", goal: "11 of 11", current: "7 of 11", due: "jul-end", rag: "amber" },
  ],
  actions: [
    { text: "Middle leadership programme with the trust (NPQLT for four heads of department)", successCriteria: "Four leaders enrolled and completing modules on time", start: "sep-start", due: "jul-end", progress: "on_track", cost: "NPQ funded; £1,400 cover", owner: "lead" },
    { text: "Governors' monitoring visits linked to each priority, with a written note to the board", successCriteria: "One visit per priority per term, reported at the next board meeting", start: "sep-end", due: "jul-end", progress: "on_track", owner: "governor" },
    { text: "Trust-led review of leadership structures and line management", successCriteria: "New structure agreed by the board; every leader has a clear remit", start: "sep-start", due: "oct-ht", progress: "late", owner: "lead" },
  ],
};

const ehcpOutcomes: PrioritySeed = {
  area: "inclusion",
  title: "Personalised EHCP outcomes drive every pupil's learning",
  targets: [
    { text: "More EHCP outcomes met or exceeded at annual review", measure: "EHCP outcomes met or exceeded at annual review", baseline: "71%", goal: "80%", current: "76% (reviews held so far)", due: "jul-end", rag: "green" },
  ],
  actions: [
    { text: "Break every EHCP outcome into termly small steps that class teams teach and record", successCriteria: "Small steps set for every pupil by October half term and evidenced in learning journals", start: "sep-start", due: "oct-ht", progress: "done", owner: "second" },
    { text: "Speech and language therapist and class teams plan communication targets together", successCriteria: "Joint planning meeting every half term for each class", start: "sep-end", due: "jul-end", progress: "on_track", cost: "£18,000 (SALT service level agreement)", owner: "lead" },
  ],
};

const adulthood: PrioritySeed = {
  area: "personal_development",
  title: "Prepare every young person for adulthood",
  targets: [
    { text: "Key Stage 5 students in supported internships or work placements", measure: "KS5 students with a placement", baseline: "9 of 24", goal: "18 of 24", current: "13 of 24", due: "jul-end", rag: "green" },
  ],
  actions: [
    { text: "Partnership with two local employers for supported internships", successCriteria: "Two signed partnership agreements and six internship places", start: "sep-start", due: "dec-end", progress: "on_track", owner: "lead" },
    { text: "Travel training for every Key Stage 4 pupil whose EHCP names independence", successCriteria: "Pupils travel an agreed route independently by the summer", start: "oct-ht", due: "jul-end", progress: "on_track", owner: "second" },
  ],
};

const inclusionHub: PrioritySeed = {
  area: "leadership_governance",
  title: "Share the school's inclusion expertise across the trust",
  targets: [
    { text: "Mainstream staff trained through the trust's inclusion hub", measure: "Staff completing the hub's adaptive teaching course", baseline: "0 (new this year)", goal: "60 staff from 7 schools", current: "24 staff from 4 schools", due: "jul-end", rag: "green" },
  ],
  actions: [
    { text: "Termly open mornings for trust SENCOs to see communication and regulation approaches in class", successCriteria: "Every trust SENCO attends at least one; follow-up visit requested by three or more schools", start: "oct-ht", due: "jul-end", progress: "on_track", owner: "lead" },
    { text: "Outreach visits to the trust's tier 3 and 4 schools each half term", successCriteria: "Written advice after each visit, reviewed with the school's SENCO", start: "sep-end", due: "jul-end", progress: "on_track", owner: "second" },
  ],
};

const reintegration: PrioritySeed = {
  area: "inclusion",
  title: "More pupils return successfully to mainstream school",
  targets: [
    { text: "Increase successful reintegration", measure: "Pupils reintegrated into mainstream within two terms", baseline: "22%", goal: "35%", current: "3 of 11 placements due this term", due: "jul-end", rag: "amber" },
    { text: "Fewer young people not in education, employment or training after Year 11", measure: "NEET at October census", baseline: "14%", goal: "Below 8%", due: "jul-end", rag: "none" },
  ],
  actions: [
    { text: "Reintegration plan agreed with the home school within four weeks of every placement starting", successCriteria: "Every placement has a signed plan with review dates", start: "sep-start", due: "oct-ht", progress: "late", owner: "lead" },
    { text: "Transition mentor visits the home school weekly for the first six weeks after return", successCriteria: "No returning pupil is suspended in their first half term back", start: "sep-end", due: "jul-end", progress: "on_track", cost: "£12,000 (mentor post)", owner: "second" },
  ],
};

const attendanceAp: PrioritySeed = {
  area: "attendance_behaviour",
  title: "Improve attendance so pupils can catch up",
  targets: [
    { text: "Raise attendance", measure: "Overall attendance", baseline: "71%", goal: "80%", current: "74%", due: "jul-end", rag: "amber" },
  ],
  actions: [
    { text: "Daily transport and a morning check-in for pupils below 60% attendance", successCriteria: "Attendance of the group rises by 10 points by February", start: "sep-start", due: "feb-ht", progress: "at_risk", cost: "£7,500 (transport)", owner: "second" },
    { text: "Joint attendance plans with social workers and early help for every pupil below 50%", successCriteria: "Plans in place and reviewed every four weeks", start: "sep-end", due: "dec-end", progress: "on_track", owner: "lead" },
  ],
};

/** Every plan priority in the bank, by name, for the school profiles in demoContent.ts. */
export const PRIORITIES = {
  attendancePrimary, writingKs2, phonics, sendPrimary, mathsMastery,
  attendanceSecondary, year11, coaching, enrichment, leadershipCapacity,
  ehcpOutcomes, adulthood, inclusionHub, reintegration, attendanceAp,
} satisfies Record<string, PrioritySeed>;
export type PriorityName = keyof typeof PRIORITIES;

/** The priorities a school of each phase would usually choose, most urgent first. */
export const PHASE_PRIORITIES: Record<Phase, PriorityName[]> = {
  primary: ["writingKs2", "attendancePrimary", "phonics", "sendPrimary"],
  secondary: ["attendanceSecondary", "year11", "coaching", "enrichment"],
  all_through: ["leadershipCapacity", "attendanceSecondary", "year11", "phonics"],
  special: ["ehcpOutcomes", "adulthood", "inclusionHub"],
  alternative: ["reintegration", "attendanceAp", "enrichment"],
};

/** Six-week priorities for a rapid action plan: short horizons, named owners, dates before Christmas. */
export const RAPID_PRIORITIES: Record<"attendance" | "behaviour" | "leadership" | "safeguarding" | "reintegration", PrioritySeed> = {
  attendance: {
    area: "attendance_behaviour",
    title: "Stop the fall in attendance in Years 9 and 10",
    targets: [{ text: "Years 9 and 10 attendance back above 90% by Christmas", measure: "Weekly attendance, Years 9 and 10", baseline: "87.9% (October)", goal: "90%+", current: "88.7% (week 11)", due: "dec-end", rag: "amber" }],
    actions: [
      { text: "Daily register of the 60 lowest attenders checked by the attendance lead by 9:30", successCriteria: "Same-day contact with home for every absence in the group", start: "nov-start", due: "nov-mid", progress: "done", owner: "second" },
      { text: "Attendance contracts agreed with families of every pupil below 85%", successCriteria: "Contracts signed for at least 40 of the 52 pupils", start: "nov-start", due: "nov-end", progress: "at_risk", owner: "second" },
      { text: "Weekly attendance report to the CEO and chair of governors", successCriteria: "Report sent every Friday with the trend and named pupils", start: "nov-start", due: "dec-end", progress: "on_track", owner: "lead" },
    ],
  },
  behaviour: {
    area: "attendance_behaviour",
    title: "Restore calm in corridors and at social times",
    targets: [{ text: "Halve behaviour incidents at lunchtime", measure: "Lunchtime incidents per week", baseline: "64 (October average)", goal: "32 or fewer", current: "41 (last week)", due: "dec-end", rag: "amber" }],
    actions: [
      { text: "Senior leaders on duty at the four hotspots named in the trust's behaviour review", successCriteria: "Duty rota kept every day; incidents at hotspots fall week on week", start: "nov-start", due: "dec-end", progress: "on_track", owner: "lead" },
      { text: "Relaunch the behaviour policy with all staff and pupils, with scripts for the first three steps", successCriteria: "Every tutor group briefed; staff survey shows 80% confident using the scripts", start: "oct-ht", due: "nov-mid", progress: "late", owner: "second" },
    ],
  },
  leadership: {
    area: "leadership_governance",
    title: "Secure leadership that can improve the school quickly",
    targets: [{ text: "A full senior team in post with clear responsibilities", measure: "Senior posts filled with agreed remits", baseline: "3 of 6 (September)", goal: "6 of 6", current: "5 of 6", due: "dec-end", rag: "green" }],
    actions: [
      { text: "Executive headteacher from a tier 1 school in post three days a week", successCriteria: "Executive head leads the weekly senior team meeting and this plan's review", start: "sep-end", due: "oct-ht", progress: "done", owner: "lead" },
      { text: "Interim assistant headteacher for behaviour seconded from the trust", successCriteria: "Appointed and line-managing pastoral leaders by the end of November", start: "nov-start", due: "nov-end", progress: "on_track", owner: "lead" },
      { text: "Interim executive board arrangements agreed with the trust board", successCriteria: "Terms of reference approved; first meeting held", start: "oct-ht", due: "dec-mid", progress: "at_risk", owner: "governor" },
    ],
  },
  safeguarding: {
    area: "leadership_governance",
    title: "Make the safeguarding culture consistent and well recorded",
    targets: [{ text: "Every safeguarding concern recorded and actioned within 24 hours", measure: "Concerns actioned within 24 hours (weekly audit)", baseline: "81%", goal: "100%", current: "94%", due: "dec-mid", rag: "amber" }],
    actions: [
      { text: "Trust safeguarding lead audits the recording system weekly with the DSL", successCriteria: "Audit note each week; actions closed before the next audit", start: "nov-start", due: "dec-end", progress: "on_track", owner: "second" },
      { text: "Refresher training on recording concerns for all staff, including lunchtime staff", successCriteria: "100% attendance; quiz pass rate above 90%", start: "nov-start", due: "nov-end", progress: "done", owner: "second" },
    ],
  },
  reintegration: {
    area: "inclusion",
    title: "Every placement has a plan for what comes next",
    targets: [{ text: "Signed reintegration or transition plans for every pupil", measure: "Pupils with a signed plan", baseline: "14 of 38", goal: "38 of 38", current: "27 of 38", due: "dec-mid", rag: "amber" }],
    actions: [
      { text: "Meet every commissioning school to agree plans for pupils placed without one", successCriteria: "Meetings held for all 24 pupils without a plan", start: "nov-start", due: "dec-mid", progress: "on_track", owner: "lead" },
      { text: "Weekly review of plans at the senior team meeting", successCriteria: "Minutes show each plan's next step and owner", start: "nov-start", due: "dec-end", progress: "on_track", owner: "second" },
    ],
  },
};
