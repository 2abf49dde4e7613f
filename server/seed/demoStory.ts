/**
 * The demo trust's autumn so far, played through Trellis's own HTTP API so every row is one the
 * app itself would write: plans submitted and approved by the right body (with their versions,
 * audit entries and notifications), governors' comment threads (some resolved), the autumn 1 peer
 * reviews completed and their findings turned into actions in reopened plans. Each step's rows are
 * then dated to the day it happened, so the history reads like September to December.
 */
import { and, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import * as Y from "yjs";
import { anchorFor } from "../../shared/comments/anchors.js";
import { createSession } from "../auth/sessions.js";
import type { Db } from "../db/client.js";
import {
  comments, commentThreads, documents, documentVersions, mailOutbox, notifications, schools, sessions, users,
} from "../db/schema/index.js";
import { loadEnv } from "../env.js";
import { todayInEngland } from "../progress/queries/filters.js";
import { startServer, type RunningServer } from "../server.js";
import { DEMO_SCHOOLS } from "./demoTrust.js";

interface Person { id: string; name: string; email: string }
interface Doc { id: string; kind: string; title: string; schoolSlug: string }

/** What happened when: each school's local governing board meets on its own evening in October. */
const LGB_MEETING: Record<string, string> = {
  "oakfield-primary": "2026-10-07", "riverside-academy": "2026-10-08", "hillcrest-primary": "2026-10-06",
  "st-aidans-ce-primary": "2026-10-13", "brookside-special-school": "2026-10-14", "the-bridge-academy": "2026-10-15",
};
/** The trust board approves trust-led plans (tier 4, and every rapid action plan). */
const TRUST_BOARD = "2026-10-14";
const SUBMITTED = "2026-09-30";
const PEER_REVIEW_DONE = "2026-10-22";
const REOPENED = "2026-11-04";

/** Actions the champions agreed for each area for development, by the finding's first words. */
const FINDING_ACTIONS: { starts: string; text: string; due: string }[] = [
  { starts: "In Year 5 and 6 books", text: "Teach editing explicitly in Years 5 and 6: a weekly edit-and-redraft lesson using the sentence structures taught", due: "2027-02-12" },
  { starts: "In history and geography", text: "Plan two questions that ask pupils to explain or connect ideas into every history and geography lesson, checked on learning walks", due: "2027-03-26" },
  { starts: "Low-level disruption", text: "Coach Year 9 teachers on the first three steps of the behaviour policy, with a follow-up drop-in within a fortnight", due: "2026-12-18" },
  { starts: "Support plans for pupils with SEND", text: "Put each pupil's SEND support plan into teachers' planning in every department, checked by the SENCO each half term", due: "2027-02-12" },
  { starts: "Year 11 disadvantaged pupils", text: "Run mock preparation sessions for Year 11 disadvantaged pupils with their mentors before the January mocks", due: "2026-12-18" },
];

/** A short, tolerant client of the temporary server, as one signed-in person. */
class Caller {
  constructor(private readonly base: string, private readonly cookie: string) {}
  async send<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method, headers: { cookie: this.cookie, "content-type": "application/json", origin: this.base }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`demo story: ${method} ${path} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** Seeds the story once; the caller knows the trust was only just loaded. */
export async function seedDemoStory(db: Db, today = todayInEngland()): Promise<void> {
  const env = loadEnv({ PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test", LOG_LEVEL: "silent" });
  const running = await startServer({ env, database: { db, driver: "pglite", close: async () => {} } });
  const story = new Story(db, running, today);
  try {
    await story.play();
  } finally {
    await running.stop();
    await story.tidy();
  }
}

class Story {
  private readonly people = new Map<string, Person>();
  private readonly callers = new Map<string, Caller>();
  private readonly sessionIds: string[] = [];
  private docs: Doc[] = [];

  constructor(private readonly db: Db, private readonly running: RunningServer, private readonly today: string) {}

  async play(): Promise<void> {
    for (const u of await this.db.select({ id: users.id, name: users.name, email: users.email }).from(users)) this.people.set(u.email, u);
    this.docs = await this.db
      .select({ id: documents.id, kind: documents.kind, title: documents.title, schoolSlug: schools.slug })
      .from(documents)
      .innerJoin(schools, eq(schools.id, documents.schoolId));

    for (const school of DEMO_SCHOOLS) await this.autumnPlan(school.slug, school.tier);
    for (const school of DEMO_SCHOOLS) if (school.tier >= 3) await this.actionPlan(school.slug);
    for (const slug of ["oakfield-primary", "riverside-academy"]) await this.peerReview(slug);
    for (const school of DEMO_SCHOOLS) await this.sefQuestions(school.slug);
  }

  /** Submitted by the head; questioned and approved by the governors (the trust board for tier 4). */
  private async autumnPlan(slug: string, tier: number): Promise<void> {
    const plan = this.doc(slug, ["single_plan", "adp"]);
    const head = this.person(`head.${short(slug)}`);
    const governor = this.person(`governor.${short(slug)}`);
    await this.at(`${SUBMITTED}T16:10:00Z`, () => this.as(head).send("POST", `/api/documents/${plan.id}/status`, { status: "in_review" }));

    const target = await this.block(plan.id, "target", (attrs) => attrs.rag === "amber").catch(() => this.block(plan.id, "target", () => true));
    const question = target.attrs.rag === "amber"
      ? "This is amber. What would it take to be green at the next review, and when will the board next see the figure?"
      : `This is ${String(target.attrs.rag)}. What is that based on, and when will the board next see the figure?`;
    const first = await this.at(`${SUBMITTED}T19:45:00Z`, () => this.thread(governor, plan, target, question, [head.id]));
    await this.at(`2026-10-01T07:55:00Z`, () => this.as(head).send("POST", `/api/comments/${first}/replies`, { body: "The next figure comes from the half-term data drop; the actions beneath this target are what should move it. I will bring the trend to the board's next meeting." }));
    await this.at(`2026-10-01T12:20:00Z`, () => this.as(governor).send("POST", `/api/comments/${first}/resolve`));

    const costed = await this.block(plan.id, "action", (attrs) => typeof attrs.cost === "string" && attrs.cost.length > 0);
    if (costed) {
      const second = await this.at(`2026-10-02T18:05:00Z`, () => this.thread(governor, plan, costed, `Is ${String(costed.attrs.cost)} already in the budget the board agreed in July?`, []));
      await this.at(`2026-10-03T09:30:00Z`, () => this.as(head).send("POST", `/api/comments/${second}/replies`, { body: "Yes: it is in the budget and the pupil premium strategy the board approved in July." }));
      // Left open on purpose: the governor wanted to see the budget line at the meeting, so the approval records one open thread.
    }

    const meeting = tier === 4 ? TRUST_BOARD : LGB_MEETING[slug]!;
    const approver = tier === 4 ? this.person("ceo") : governor;
    const body = tier === 4 ? "trust_board" : "lgb";
    const minute = tier === 4 ? `Trust Board minutes ${ukDay(meeting)}, item 6` : `LGB minutes ${ukDay(meeting)}, item 4`;
    await this.at(`${this.notAfterToday(meeting)}T20:15:00Z`, () =>
      this.as(approver).send("POST", `/api/documents/${plan.id}/status`, { status: "approved", approvalBody: body, approvedOn: this.notAfterToday(meeting), minuteReference: minute }));
  }

  /** Rapid action plans: written with the trust, challenged by the School Improvement Officer, approved by the trust board. */
  private async actionPlan(slug: string): Promise<void> {
    const plan = this.doc(slug, ["action_plan"]);
    const head = this.person(`head.${short(slug)}`);
    const sio = this.person("sio");
    await this.at(`2026-10-09T15:00:00Z`, () => this.as(head).send("POST", `/api/documents/${plan.id}/status`, { status: "in_review" }));
    const target = await this.block(plan.id, "target", () => true);
    const thread = await this.at(`2026-10-12T10:40:00Z`, () =>
      this.thread(sio, plan, target, "Weekly figures for this, please, in the Friday report to the CEO: the trend matters more than any one week.", [head.id]));
    await this.at(`2026-10-12T16:00:00Z`, () => this.as(head).send("POST", `/api/comments/${thread}/replies`, { body: "Agreed: it is in the Friday report from this week." }));
    await this.at(`2026-10-13T08:00:00Z`, () => this.as(sio).send("POST", `/api/comments/${thread}/resolve`));
    await this.at(`${this.notAfterToday(TRUST_BOARD)}T19:30:00Z`, () =>
      this.as(this.person("ceo")).send("POST", `/api/documents/${plan.id}/status`, {
        status: "approved", approvalBody: "trust_board", approvedOn: this.notAfterToday(TRUST_BOARD), minuteReference: `Trust Board minutes ${ukDay(TRUST_BOARD)}, item 7`,
      }));
  }

  /** The autumn 1 peer review: completed and agreed, then each area for development becomes an owned action in the reopened plan. */
  private async peerReview(slug: string): Promise<void> {
    const review = this.doc(slug, ["peer_review"]);
    const plan = this.doc(slug, ["single_plan", "adp"]);
    const head = this.person(`head.${short(slug)}`);
    const champion = this.person(`champion.${short(slug)}`);
    const governor = this.person(`governor.${short(slug)}`);
    await this.at(`2026-10-21T15:45:00Z`, () => this.as(head).send("POST", `/api/documents/${review.id}/status`, { status: "in_review" }));
    await this.at(`${this.notAfterToday(PEER_REVIEW_DONE)}T17:30:00Z`, () =>
      this.as(governor).send("POST", `/api/documents/${review.id}/status`, {
        status: "approved", approvalBody: "lgb", approvedOn: this.notAfterToday(PEER_REVIEW_DONE), versionName: "Peer review, autumn 1: agreed findings",
        minuteReference: `Reported to the LGB, ${ukDay(PEER_REVIEW_DONE)}`,
      }));
    // The approved plan is locked: the head starts a new revision so the review's actions can go in.
    await this.at(`${REOPENED}T08:20:00Z`, () => this.as(head).send("POST", `/api/documents/${plan.id}/status`, { status: "draft" }));
    const state = await this.running.collab.documentState(review.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const findings = doc.getXmlFragment("default").toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "finding" && n.getAttribute("kind") === "development")
      .map((n) => ({ id: String(n.getAttribute("id")), text: textOf(n) }));
    doc.destroy();
    let minute = 0;
    for (const f of findings) {
      const action = FINDING_ACTIONS.find((a) => f.text.startsWith(a.starts));
      if (!action) continue;
      await this.at(`${REOPENED}T${String(10 + minute++).padStart(2, "0")}:05:00Z`, () =>
        this.as(champion).send("POST", `/api/documents/${review.id}/findings/${f.id}/actions`, { planId: plan.id, owners: [champion.id], due: action.due, text: action.text }));
    }
  }

  /** November: governors read the SEF before the December board and ask about the evidence; not every answer is in yet. */
  private async sefQuestions(slug: string): Promise<void> {
    const sef = this.doc(slug, ["sef"]);
    const head = this.person(`head.${short(slug)}`);
    const governor = this.person(`governor.${short(slug)}`);
    // A grade the board might query: the weakest first, else the first judged area.
    const judgement = await this.block(sef.id, "judgement", (attrs) => ["needs_attention", "expected_standard", "good"].includes(String(attrs.grade)))
      .catch(() => this.block(sef.id, "judgement", () => true));
    const thread = await this.at(`2026-11-18T19:10:00Z`, () =>
      this.thread(governor, sef, judgement, "Is this evidence from this term or from last year? The board would like to see the November learning walks before it agrees this grade.", [head.id]));
    if (slug === "oakfield-primary" || slug === "riverside-academy" || slug === "hillcrest-primary") {
      await this.at(`2026-11-20T07:40:00Z`, () => this.as(head).send("POST", `/api/comments/${thread}/replies`, { body: "Mostly this term: the learning-walk summary will be in the pack for the December meeting." }));
    }
  }

  /** Starts a governor's (or officer's) thread on the whole text of a block; returns the thread id. */
  private async thread(author: Person, doc: Doc, block: FoundBlock, body: string, mentions: string[]): Promise<string> {
    const res = await this.as(author).send<{ thread: { id: string } }>("POST", `/api/documents/${doc.id}/comments`, {
      body, mentions, quote: block.text.slice(0, 200), anchor: block.anchor,
    });
    return res.thread.id;
  }

  /** The first block of a type that passes `test`, with an anchor over its text. */
  private async block(documentId: string, type: string, test: (attrs: Record<string, unknown>) => boolean): Promise<FoundBlock> {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await this.running.collab.documentState(documentId));
    try {
      for (const node of doc.getXmlFragment("default").toArray()) {
        if (!(node instanceof Y.XmlElement) || node.nodeName !== type || !test(node.getAttributes() as Record<string, unknown>)) continue;
        const text = node.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
        if (!text?.length) continue;
        return { text: textOf(node), attrs: node.getAttributes() as Record<string, unknown>, anchor: anchorFor(text, 0, text.length) };
      }
    } finally {
      doc.destroy();
    }
    throw new Error(`demo story: no ${type} block to comment on in ${documentId}`);
  }

  private doc(slug: string, kinds: string[]): Doc {
    const found = this.docs.find((d) => d.schoolSlug === slug && kinds.includes(d.kind));
    if (!found) throw new Error(`demo story: ${slug} has no ${kinds.join(" or ")}`);
    return found;
  }

  private person(local: string): Person {
    const p = this.people.get(`${local}@trellis.test`);
    if (!p) throw new Error(`demo story: nobody is ${local}@trellis.test`);
    return p;
  }

  /** A caller signed in as `p`, by a session made directly: twenty sign-ins in a second would trip the throttle. */
  private as(p: Person): Pick<Caller, "send"> {
    return {
      send: async <T>(method: string, path: string, body?: unknown) => {
        let caller = this.callers.get(p.id);
        if (!caller) {
          const { token } = await createSession(this.db, p.id);
          caller = new Caller(this.running.url, `trellis_session=${token}`);
          this.callers.set(p.id, caller);
          this.sessionIds.push(token.split(".")[0]!);
        }
        return caller.send<T>(method, path, body);
      },
    };
  }

  /** The meeting's date, or today when the demo is loaded before it (approval refuses future meetings). */
  private notAfterToday(iso: string): string {
    return iso <= this.today ? iso : this.today;
  }

  /**
   * Runs one step, then dates every row it wrote to `when` (never later than now). The audit log
   * is append-only and keeps the true time: it records that the demo loader did these things today.
   */
  private async at<T>(when: string, step: () => Promise<T>): Promise<T> {
    const started = new Date();
    const result = await step();
    await this.running.deps.notifier.idle();
    const stamp = new Date(Math.min(Date.parse(when), Date.now()));
    const db = this.db;
    await db.update(documentVersions).set({ createdAt: stamp }).where(gte(documentVersions.createdAt, started));
    await db.update(commentThreads).set({ createdAt: stamp }).where(gte(commentThreads.createdAt, started));
    await db.update(commentThreads).set({ resolvedAt: stamp }).where(and(isNotNull(commentThreads.resolvedAt), gte(commentThreads.resolvedAt, started)));
    await db.update(comments).set({ createdAt: stamp }).where(gte(comments.createdAt, started));
    await db.update(notifications).set({ createdAt: stamp }).where(gte(notifications.createdAt, started));
    await db.update(mailOutbox).set({ createdAt: stamp }).where(gte(mailOutbox.createdAt, started));
    await db.update(documents).set({ updatedAt: stamp }).where(gte(documents.updatedAt, started));
    return result;
  }

  /** Ends the story's sessions; the autumn's emails went out at the time, and what is a fortnight old has been read. */
  async tidy(): Promise<void> {
    for (const id of this.sessionIds) await this.db.delete(sessions).where(eq(sessions.id, id));
    await this.db.update(mailOutbox).set({ status: "sent", sentAt: sql`${mailOutbox.createdAt}` }).where(eq(mailOutbox.status, "pending"));
    const fortnightAgo = new Date(Date.now() - 14 * 24 * 60 * 60 * 1000);
    await this.db.update(notifications).set({ readAt: sql`${notifications.createdAt} + interval '1 hour'`, digestedAt: sql`${notifications.createdAt}` }).where(lt(notifications.createdAt, fortnightAgo));
    await this.db.update(notifications).set({ digestedAt: sql`${notifications.createdAt}` }).where(eq(notifications.delivery, "digest"));
  }
}

interface FoundBlock { text: string; attrs: Record<string, unknown>; anchor: { from: string; to: string } }

function textOf(element: Y.XmlElement): string {
  return element.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText).map((t) => t.toDelta().map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : "")).join("")).join("");
}

/** "head.oakfield" from "oakfield-primary": the demo's login names use the school's first word. */
function short(slug: string): string {
  return { "st-aidans-ce-primary": "staidans", "brookside-special-school": "brookside", "the-bridge-academy": "bridge" }[slug] ?? slug.split("-")[0]!;
}

/** "8 October 2026". */
function ukDay(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
}
