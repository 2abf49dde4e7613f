/**
 * Evidence narratives for the demo trust's SEFs and findings for its peer reviews, by phase.
 * Each narrative is what a head would write: what leaders know, how they know it, what it shows.
 */
import type { Phase } from "../../shared/enums.js";

type PhaseGroup = "primary" | "secondary" | "special" | "alternative";

/** The narratives a school reads from: an all-through school writes like a secondary. */
export const phaseGroup = (phase: Phase): PhaseGroup => (phase === "all_through" ? "secondary" : phase);

const MAINSTREAM_AND_SPECIAL: Record<Exclude<PhaseGroup, "alternative">, Record<string, string>> = {
  primary: {
    inclusion:
      "Pupils with SEND are identified early through the graduated approach, and 92% of support plans were reviewed with parents last term. Disadvantaged pupils are tracked as a group at every pupil progress meeting. Learning walks show adaptations are routine in English and maths but less consistent in the foundation subjects.",
    curriculum_teaching:
      "The curriculum is sequenced from Reception to Year 6 in every subject, with knowledge organisers reviewed by subject leaders. Phonics is taught with fidelity to the validated programme. Drop-ins this term found clear modelling and checking for understanding in most lessons; questioning in some foundation subjects does not yet probe deeply enough.",
    achievement:
      "KS2 reading (78% expected standard) and maths (76%) are above national; writing (64%) remains below and is the plan's first priority. The phonics pass rate was 76%. Disadvantaged pupils' attainment trails their peers by 15 to 19 points across subjects, a gap that is narrowing in reading but not yet in writing.",
    attendance_behaviour:
      "Attendance was 94.1% last year; persistent absence among disadvantaged pupils (21.4%) is too high and is a plan priority. Behaviour in lessons and at play is calm and respectful; there were two suspensions last year. Pupils say adults deal quickly with the rare unkind behaviour.",
    personal_development:
      "Every pupil takes part in at least one club, trip or leadership role, tracked through the enrichment passport. The relationships and health curriculum is well planned and pupils talk confidently about keeping safe online. The school council led this year's anti-bullying week.",
    leadership_governance:
      "Leaders know the school well and their evaluation matches the trust's health check. Staff workload survey results are positive (87% say leaders consider their workload). Governors challenge through link visits tied to each priority, and minutes show questions about writing outcomes and attendance.",
    early_years:
      "Children start Reception below typical development in communication and language. 71% reached a good level of development last year (national 68%). The environment is well organised and adults model talk throughout the day; the outdoor area is underused for early writing.",
  },
  secondary: {
    inclusion:
      "The SEND register is accurate and reviewed termly; 17% of pupils receive SEN support. Reading ages are tested on entry and the lowest 10% receive daily intervention. Suspensions of pupils with SEND remain disproportionate (about double their share of the roll), which the plan addresses.",
    curriculum_teaching:
      "Every department has a Key Stage 3 curriculum sequenced over five years, and the EBacc entry rate has risen to 46%. Instructional coaching started this year for all teachers. Lesson visits show strong subject knowledge; checking for understanding and adaptive teaching are the next focus.",
    achievement:
      "Progress 8 was -0.21 overall and -0.62 for disadvantaged pupils in 2026. 58% of pupils achieved grade 4 or above in English and maths. Science and humanities outcomes improved; modern languages fell. November mocks suggest a modest improvement for disadvantaged pupils.",
    attendance_behaviour:
      "Attendance was 91.6% last year with persistent absence at 27.8%, well above national. The restructured attendance team is improving Year 7 and 8 attendance, but Year 10 remains the weakest. Behaviour in lessons is mostly settled; corridors at lunchtime and suspension rates are the concern.",
    personal_development:
      "A planned personal development curriculum runs through tutor time and PSHE lessons, including relationships and sex education agreed with parents. Participation in enrichment is uneven: 38% of disadvantaged pupils attend a club against 61% of others. Careers guidance meets five of the eight Gatsby benchmarks.",
    leadership_governance:
      "Senior leaders have an accurate view of the school's weaknesses, confirmed by the trust's review. Middle leadership is inconsistent: four departments complete the quality assurance calendar fully. Governors receive clear reports and are beginning to ask sharper questions about attendance and outcomes.",
    sixth_form:
      "Retention from Year 12 to Year 13 was 88%. Level 3 value added is broadly average, stronger in applied general qualifications than A levels. All students follow a study programme with work experience, and 74% moved to university, apprenticeships or employment last year.",
    early_years:
      "The nursery and Reception classes follow a communication-rich curriculum; 63% of children reached a good level of development. Transition from early years into Year 1 is well planned.",
  },
  special: {
    inclusion:
      "Every pupil has an EHCP or is placed on a clear plan with their home school. Support is personalised through small-step outcomes reviewed each term with families and therapists. Leaders share this expertise across the trust, and mainstream colleagues visit regularly.",
    curriculum_teaching:
      "Pathways (sensory, semi-formal, formal) match pupils' needs, and each has a sequenced curriculum. Communication is taught throughout the day using signing and visual systems. Staff training is frequent and well targeted; assessment of small steps is consistent across classes.",
    achievement:
      "76% of EHCP outcomes reviewed this year were met or exceeded. Pupils gain accredited qualifications matched to their pathway, from entry level to GCSE. Outcomes are weaker for pupils who joined mid-year, whose baseline assessments took too long.",
    attendance_behaviour:
      "Attendance is 90.8%; most absence is medical and each pupil with lower attendance has a plan agreed with health colleagues. Incidents of distressed behaviour have fallen by a quarter since the regulation approach was introduced. Physical interventions are recorded, reviewed weekly and falling.",
    personal_development:
      "Preparation for adulthood runs through the curriculum: travel training, work placements and independent living skills. Students take part in community projects each term. Pupils' voice shapes the enrichment offer.",
    leadership_governance:
      "Leaders have a clear and accurate view of the school, shared with staff and governors. The leadership team is new in part and still building its monitoring routines. Governors visit regularly and include a parent of a pupil with complex needs.",
    early_years:
      "The small early years class follows a play-based curriculum adapted to each child's EHCP outcomes, with daily therapy input.",
    sixth_form:
      "Post-16 students follow personalised study programmes with supported internships and work placements; 13 of 24 currently have a placement.",
  },
};

const ALTERNATIVE: Record<string, string> = {
  ...MAINSTREAM_AND_SPECIAL.special,
  inclusion:
    "Pupils arrive at any point in the year, most after permanent exclusion or at risk of it; 41% have identified SEND and a further group are awaiting assessment. Every pupil has a baseline in reading and maths within two weeks, and a plan agreed with their home school, though a third of plans were not signed off this term.",
  curriculum_teaching:
    "Pupils follow a core of English, maths, science and PSHE with vocational options in construction and catering. Small classes allow close checking of understanding. Reading intervention is daily for pupils with a reading age below 11; gaps in pupils' prior knowledge are not always diagnosed quickly enough.",
  achievement:
    "In 2026, 62% of Year 11 pupils gained a GCSE or equivalent in English and maths; 14% were not in education, employment or training by October, above the 8% we aim for. 22% of pupils returned to mainstream within two terms.",
  attendance_behaviour:
    "Attendance is 74% (up from 71%), with a group of pupils below 50% who have multi-agency plans. Serious incidents have fallen since the new regulation spaces opened, but suspensions remain high for pupils in their first half term.",
  personal_development:
    "Mentoring, enrichment and careers guidance are built into every pupil's week, with an employer encounter each term for Year 10 and 11. Pupils' confidence and engagement improve markedly during their placement, as shown in the half-termly wellbeing survey.",
};

/** Narratives by area key. ofsted-2019 keys are written separately: the frameworks are not mapped. */
export const EVIDENCE: Record<PhaseGroup, Record<string, string>> = { ...MAINSTREAM_AND_SPECIAL, alternative: ALTERNATIVE };

/** ofsted-2019 narratives, written in that framework's terms. */
export const EVIDENCE_2019: Record<string, string> = {
  quality_of_education:
    "The curriculum is ambitious and carefully sequenced in every subject, and the school leads the trust's reading hub. Reading is prioritised: 88% passed the phonics check and 84% reached the expected standard in KS2 reading. Teachers check understanding well and adapt teaching for pupils with SEND.",
  behaviour_attitudes:
    "Pupils behave very well and have positive attitudes to learning. Attendance was 96.2% last year with persistent absence at 8%. There were no suspensions. Pupils say bullying is rare and dealt with quickly.",
  personal_development:
    "A wide range of clubs, trips and leadership roles is taken up by almost all pupils, including disadvantaged pupils. Pupils learn about healthy relationships, other faiths and cultures, and how to keep themselves safe.",
  leadership_management:
    "Leaders and governors have a clear vision and an accurate view of the school. Staff are proud to work here and value the professional development they receive. Leaders support other schools in the trust with reading.",
  early_years:
    "Children get off to a strong start; 78% reached a good level of development. Adults extend children's language skilfully and the curriculum prepares them well for Year 1.",
  overall_effectiveness:
    "No overall effectiveness grade is recorded: it is no longer given to state-funded schools from September 2024.",
};

/** Safeguarding evidence: the same checks apply under both frameworks. */
export const SAFEGUARDING_EVIDENCE =
  "The single central record is complete and checked monthly by the trust. All staff completed safeguarding training in September and know how to report concerns on the school's recording system. The designated safeguarding lead and deputies meet weekly; referrals to children's social care are timely and followed up.";

export interface FindingSeed {
  kind: "strength" | "development";
  area: string;
  text: string;
}

/** Peer-review findings by phase group: what reviewers saw in lessons, books and conversations. */
export const FINDINGS: Record<PhaseGroup, FindingSeed[]> = {
  primary: [
    { kind: "strength", area: "curriculum_teaching", text: "Phonics lessons in Reception and Year 1 followed the programme precisely; pupils read decodable books matched to the sounds they know." },
    { kind: "strength", area: "attendance_behaviour", text: "Pupils were calm and focused in all 12 lessons visited; transitions between activities were quick and well established." },
    { kind: "strength", area: "inclusion", text: "Pupils with SEND in Years 3 and 4 used well-chosen scaffolds and were fully included in whole-class teaching." },
    { kind: "development", area: "achievement", text: "In Year 5 and 6 books, extended writing did not consistently apply the sentence structures taught; editing was rarely evident." },
    { kind: "development", area: "curriculum_teaching", text: "In history and geography, questioning checked recall but seldom asked pupils to explain or connect ideas." },
  ],
  secondary: [
    { kind: "strength", area: "curriculum_teaching", text: "Subject knowledge was strong in the science and English lessons visited; explanations were clear and well sequenced." },
    { kind: "strength", area: "leadership_governance", text: "Instructional coaching is well understood by staff; teachers could describe their current action step and how they practise it." },
    { kind: "development", area: "attendance_behaviour", text: "Low-level disruption in three of the nine Year 9 lessons visited was not addressed consistently with the behaviour policy." },
    { kind: "development", area: "inclusion", text: "Support plans for pupils with SEND were not visible in teachers' planning in two departments; adaptations relied on teaching assistants." },
    { kind: "development", area: "achievement", text: "Year 11 disadvantaged pupils interviewed were less clear than their peers about how to prepare for their mocks." },
  ],
  special: [
    { kind: "strength", area: "inclusion", text: "Each pupil's communication system was used consistently by every adult in the classes visited." },
    { kind: "strength", area: "personal_development", text: "Students spoke with pride about their work placements and could explain the skills they were developing." },
    { kind: "development", area: "leadership_governance", text: "Monitoring records did not always show how findings were followed up with staff." },
  ],
  alternative: [
    { kind: "strength", area: "personal_development", text: "Relationships between staff and pupils were warm and purposeful; pupils described their mentor as the reason they now attend." },
    { kind: "development", area: "inclusion", text: "Baseline assessments for two recent arrivals had not been used to adapt their reading support." },
    { kind: "development", area: "attendance_behaviour", text: "Lesson starts were delayed in two of the six lessons visited while pupils were collected from transport." },
  ],
};
