/**
 * The demo trust in December must survive a governor's scrutiny: its words agree with its data
 * (tier history and plan text, RAG and progress, status and RAG), every approved plan carries its
 * approval and version, and the autumn's governance (threads, the peer review's actions,
 * notifications, audit) is there, read back through the API as a user would see it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DEMO_PASSWORD } from "../../server/seed/demoTrust.js";
import { demoSeedOptions } from "../../server/seed/options.js";
import { seedDemoTrust } from "../../server/seed/seedDemo.js";
import { signIn, startTestServer } from "../support.js";

interface School { id: string; name: string; tier: { level: number } }
interface Doc { id: string; kind: string; title: string; status: string; schoolId: string }
interface TierEntry { tier: number; setAt: string }

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Every word of a document, blocks and prose alike, as the collab server holds it. */
function documentText(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const out: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (node instanceof Y.XmlText) out.push(node.toDelta().map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : "")).join(""));
    else for (const child of node.toArray()) walk(child as Y.XmlElement);
  };
  walk(doc.getXmlFragment("default"));
  doc.destroy();
  return out.join("\n");
}

describe("the demo trust's facts", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ceo: string;
  let schools: School[];
  let docs: Doc[];
  beforeAll(async () => {
    server = await startTestServer();
    expect(await seedDemoTrust(server.database.db, demoSeedOptions())).toBe(true);
    ceo = await signIn(server.url, "ceo@trellis.test", DEMO_PASSWORD);
    schools = (await get<{ schools: School[] }>(ceo, "/api/schools")).schools;
    docs = [];
    for (const s of schools) docs.push(...(await get<{ documents: Doc[] }>(ceo, `/api/documents?schoolId=${s.id}`)).documents);
  }, 600_000);
  afterAll(() => server?.closeAll());

  async function get<T>(cookie: string, path: string): Promise<T> {
    const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  it("no plan's words contradict its school's tier history", async () => {
    let checked = 0;
    for (const d of docs) {
      const text = documentText(await server.collab.documentState(d.id));
      const { school } = await get<{ school: School & { tierHistory: TierEntry[] } }>(ceo, `/api/schools/${d.schoolId}`);
      for (const m of text.matchAll(/\bto tier (\d) in (January|February|March|April|May|June|July|August|September|October|November|December)\b/g)) {
        const [tier, month] = [Number(m[1]), MONTHS.indexOf(m[2]!)];
        const set = school.tierHistory.filter((h) => h.tier === tier && new Date(h.setAt).getUTCMonth() === month);
        expect(set, `${d.title} says "${m[0]}"`).not.toEqual([]);
        checked++;
      }
      for (const m of text.matchAll(/\bin tier (\d)\b/g)) {
        expect(school.tier.level, `${d.title} says "${m[0]}"`).toBe(Number(m[1]));
        checked++;
      }
    }
    // Riverside's, Meadowbank's and the Bridge's action plans all speak of their tier and when it changed.
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("writes acronyms in capitals, mid-sentence too", async () => {
    for (const d of docs) {
      const text = documentText(await server.collab.documentState(d.id));
      expect(text.match(/\b(send|sen|ehcp|ehc|senco|ks2|ks4|salt|neet)\b/g), d.title).toBeNull();
    }
  });

  it("no target's RAG is at odds with its progress, and no action's RAG with its status", async () => {
    const { targets } = await get<{ targets: { text: string; rag: string; progress: number | null }[] }>(ceo, "/api/targets?limit=500");
    expect(targets.length).toBeGreaterThan(20);
    for (const t of targets) {
      if (t.progress === 1) expect(["green", "blue"], `${t.text}: goal reached but ${t.rag}`).toContain(t.rag);
      if (t.rag === "blue") expect(t.progress ?? 1, `${t.text}: complete at ${t.progress}`).toBe(1);
    }
    const { actions } = await get<{ actions: { text: string; rag: string; status: string }[] }>(ceo, "/api/actions?limit=500");
    expect(actions.length).toBeGreaterThan(50);
    for (const a of actions) {
      expect(a.status === "complete", `${a.text}: ${a.status} but ${a.rag}`).toBe(a.rag === "blue");
    }
  });

  it("every approved document has its approval and a version, dated no later than today", async () => {
    const approved = docs.filter((d) => d.status === "approved");
    // Every school's autumn plan but the two reopened after their peer reviews, three action plans and two peer reviews.
    expect(approved.length).toBeGreaterThanOrEqual(10);
    const today = new Date().toISOString().slice(0, 10);
    for (const d of approved) {
      const { versions } = await get<{ versions: { approvedOn: string; approvedBy: { name: string } | null; approvalBody: string; createdAt: string }[] }>(ceo, `/api/documents/${d.id}/versions`);
      expect(versions.length, d.title).toBeGreaterThanOrEqual(1);
      const v = versions[0]!;
      expect(v.approvedBy?.name, d.title).toBeTruthy();
      expect(v.approvedOn <= today, d.title).toBe(true);
      expect(v.createdAt.slice(0, 10), `${d.title}: version taken on the meeting's day`).toBe(v.approvedOn);
      expect(d.kind === "action_plan" ? v.approvalBody : "any", d.title).toBe(d.kind === "action_plan" ? "trust_board" : "any");
    }
    const admin = await signIn(server.url, "admin@trellis.test", DEMO_PASSWORD);
    const { entries } = await get<{ entries: { action: string; subjectId: string }[] }>(admin, "/api/audit?limit=200&action=document.approved");
    for (const d of approved) expect(entries.some((e) => e.subjectId === d.id), `${d.title}: approval audited`).toBe(true);
  });

  it("every school has governors' comment threads on its plan, some resolved and some open, with replies", async () => {
    let resolved = 0;
    let open = 0;
    for (const s of schools) {
      const mine = docs.filter((d) => d.schoolId === s.id);
      const threads = [];
      for (const d of mine) threads.push(...(await get<{ threads: { resolved: boolean; comments: unknown[]; createdBy: { name: string } }[] }>(ceo, `/api/documents/${d.id}/comments`)).threads);
      expect(threads.length, s.name).toBeGreaterThanOrEqual(2);
      expect(threads.some((t) => t.comments.length >= 2), `${s.name}: someone answered`).toBe(true);
      resolved += threads.filter((t) => t.resolved).length;
      open += threads.filter((t) => !t.resolved).length;
    }
    expect(resolved).toBeGreaterThanOrEqual(7);
    expect(open).toBeGreaterThanOrEqual(7);
  });

  it("a completed peer review's areas for development each became an owned action in the school's plan", async () => {
    const reviews = docs.filter((d) => d.kind === "peer_review");
    expect(reviews.length).toBe(2);
    for (const r of reviews) {
      expect(r.status, r.title).toBe("approved");
      const { findings } = await get<{ findings: { kind: string; text: string; actions: { owners: { name: string }[]; due: string | null }[] }[] }>(ceo, `/api/documents/${r.id}/findings`);
      const development = findings.filter((f) => f.kind === "development");
      expect(development.length, r.title).toBeGreaterThanOrEqual(2);
      for (const f of development) {
        expect(f.actions.length, f.text).toBeGreaterThanOrEqual(1);
        expect(f.actions[0]!.owners[0]?.name, f.text).toBeTruthy();
        expect(f.actions[0]!.due, f.text).toBeTruthy();
      }
    }
    // The plans those actions went into were reopened after approval, so "changes since approval" shows them.
    for (const r of reviews) {
      const plan = docs.find((d) => d.schoolId === r.schoolId && (d.kind === "single_plan" || d.kind === "adp"))!;
      expect(plan.status, plan.title).toBe("draft");
      const { changes } = await get<{ changes: unknown[] }>(ceo, `/api/documents/${plan.id}/changes`);
      expect(changes.length, plan.title).toBeGreaterThanOrEqual(2);
    }
  });

  it("heads have notifications from the autumn, the older ones read", async () => {
    const head = await signIn(server.url, "head.oakfield@trellis.test", DEMO_PASSWORD);
    const { notifications } = await get<{ notifications: { read: boolean; createdAt: string }[] }>(head, "/api/notifications");
    expect(notifications.length).toBeGreaterThanOrEqual(3);
    const fortnightAgo = Date.now() - 14 * 24 * 60 * 60 * 1000;
    for (const n of notifications) if (Date.parse(n.createdAt) < fortnightAgo) expect(n.read).toBe(true);
    expect(notifications.some((n) => !n.read), "something new to read").toBe(true);
  });

  it("gives every school two past review points", async () => {
    for (const s of schools) {
      const { points } = await get<{ points: unknown[] }>(ceo, `/api/schools/${s.id}/reviews`);
      expect(points.length, s.name).toBe(2);
    }
  });
});
