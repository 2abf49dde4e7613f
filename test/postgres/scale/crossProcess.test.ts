/**
 * Three real Trellis processes on one PostgreSQL database and one Redis, with stock
 * WebsocketProvider clients on each: edits and presence cross processes through the relay,
 * and permission re-checks and sign-outs through the control bus.
 */
import { count, eq, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../../server/db/client.js";
import { documentUpdates, documentVersions } from "../../../server/db/schema/index.js";
import { loadDocumentState } from "../../../server/collab/documentStore.js";
import { PERMISSION_DENIED } from "../../../server/collab/index.js";
import { CloseCode } from "../../../shared/collab.js";
import { synced } from "../../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../../factories.js";
import { apiAs, eventually, signIn } from "../../support.js";
import { rowsOf } from "../../../server/db/rows.js";
import { encodeFrame, type RelayFrame } from "../../../server/scale/relayFrames.js";
import { ChannelTap, type Cluster, connect, type NoticedClient, percentile, SHARED_REDIS, startCluster } from "./cluster.js";

let cluster: Cluster;
let db: Database;
let schoolId: string;
const clients: NoticedClient[] = [];
const url = (i: number) => cluster.children[i]!.url;

async function person(role: "school_leader" | "governor" | "trust_lead", via = 0) {
  const user = await buildUser(db.db, { role, schoolId: role === "trust_lead" ? null : schoolId });
  return { id: user.id, cookie: await signIn(url(via), user.email, TEST_PASSWORD) };
}

function client(i: number, documentId: string, cookie: string, options: { presence?: boolean } = {}): NoticedClient {
  const c = connect(url(i), documentId, cookie, options);
  clients.push(c);
  return c;
}

async function newDocument(status = "draft"): Promise<string> {
  return (await buildDocument(db.db, { schoolId, status })).id;
}

async function storedText(documentId: string): Promise<string> {
  return (await loadDocumentState(db.db, documentId)).getText("body").toString();
}

async function rowCount(documentId: string): Promise<number> {
  const [row] = await db.db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  cluster = await startCluster(3, SHARED_REDIS);
  db = await cluster.data.open();
  schoolId = (await buildSchool(db.db)).id;
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await db?.close();
  await cluster?.stop();
}, 60_000);

describe("three processes, one database, one Redis", () => {
  it("clients on different processes converge, each update is stored once and relayed once, and reaches the others quickly", async () => {
    const documentId = await newDocument();
    const leader = await person("school_leader");
    const [a, b, c] = [client(0, documentId, leader.cookie), client(1, documentId, leader.cookie), client(2, documentId, leader.cookie)];
    await Promise.all([synced(a), synced(b), synced(c)]);
    a.text.insert(0, "from A. ");
    b.text.insert(0, "from B. ");
    c.text.insert(0, "from C. ");
    await eventually(() => {
      for (const x of [a, b, c]) for (const word of ["from A. ", "from B. ", "from C. "]) expect(x.text.toString()).toContain(word);
      expect(b.text.toString()).toBe(a.text.toString());
      expect(c.text.toString()).toBe(a.text.toString());
    });

    const tap = await ChannelTap.open(SHARED_REDIS, cluster.prefix, documentId);
    try {
      await eventually(async () => expect(await rowCount(documentId)).toBeGreaterThanOrEqual(3));
      const before = await rowCount(documentId);
      const latencies: number[] = [];
      const rounds = 40;
      for (let i = 0; i < rounds; i++) {
        const word = `<${i}>`;
        const started = performance.now();
        const seen = Promise.all(
          [b, c].map(
            (x) =>
              new Promise<void>((resolve) => {
                const check = () => {
                  if (!x.text.toString().includes(word)) return;
                  x.doc.off("update", check);
                  resolve();
                };
                x.doc.on("update", check);
              }),
          ),
        );
        a.text.insert(a.text.length, word);
        await seen;
        latencies.push(performance.now() - started);
      }
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);
      console.log(`cross-process edit latency over ${rounds} edits: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
      // Far above the 100 ms budget on purpose: this is a loaded, shared machine; the bench measures the budget.
      expect(p99).toBeLessThan(1000);
      // Stored by process A alone, once each; B and C neither store nor re-publish what they apply.
      await eventually(async () => expect(await rowCount(documentId)).toBe(before + rounds));
      await eventually(() => expect(tap.count("update")).toBe(rounds));
      expect(tap.senders("update").size).toBe(1);
      expect(await storedText(documentId)).toBe(a.text.toString());
    } finally {
      await tap.close();
    }
  });

  it("a governor is refused on every process, and what they typed reaches no one", async () => {
    const documentId = await newDocument();
    const leader = await person("school_leader");
    const governor = await person("governor");
    const editors = [0, 1, 2].map((i) => client(i, documentId, leader.cookie));
    await Promise.all(editors.map((e) => synced(e)));
    editors[0]!.text.insert(0, "Agreed text. ");
    await eventually(() => {
      for (const e of editors) expect(e.text.toString()).toBe("Agreed text. ");
    });
    for (const i of [0, 1, 2]) {
      const gov = client(i, documentId, governor.cookie);
      await synced(gov);
      expect(gov.text.toString()).toBe("Agreed text. ");
      gov.text.insert(0, `governor on ${i}. `);
      await eventually(() => expect(gov.denied).toEqual([PERMISSION_DENIED]));
      await eventually(() => expect(gov.closes.map((x) => x.code)).toContain(CloseCode.readOnly));
      gov.destroy();
    }
    // A marker after the refusals: once it has crossed, anything the governors sent would have too.
    editors[2]!.text.insert(editors[2]!.text.length, "End.");
    await eventually(() => {
      for (const e of editors) expect(e.text.toString()).toBe("Agreed text. End.");
    });
    await eventually(async () => expect(await storedText(documentId)).toBe("Agreed text. End."));
  });

  it("approval on process A makes an editor on process B read-only at once", async () => {
    const documentId = await newDocument("in_review");
    const leader = await person("school_leader", 1);
    const lead = await person("trust_lead", 0);
    const onB = client(1, documentId, leader.cookie);
    const onC = client(2, documentId, leader.cookie);
    await Promise.all([synced(onB), synced(onC)]);
    onB.text.insert(0, "Before approval. ");
    await eventually(() => expect(onC.text.toString()).toBe("Before approval. "));
    const today = new Date().toISOString().slice(0, 10);
    const res = await apiAs(url(0), lead.cookie)("POST", `/api/documents/${documentId}/status`, { status: "approved", approvalBody: "lgb", approvedOn: today });
    expect(res.status, await res.clone().text()).toBe(200);
    // The lock is sent before the version is taken, so it has normally arrived by now.
    await eventually(() => {
      expect(onB.access).toContain(false);
      expect(onC.access).toContain(false);
    }, { timeout: 1000 });
    onB.text.insert(onB.text.length, "After approval.");
    await eventually(() => expect(onB.denied).toEqual([PERMISSION_DENIED]));
    await eventually(async () => expect(await storedText(documentId)).toBe("Before approval. "));
    expect(onC.text.toString()).toBe("Before approval. ");
  });

  it("an approval on process A holds every edit process B accepted before the lock, even one B has not yet stored", async () => {
    const documentId = await newDocument("in_review");
    const leader = await person("school_leader", 1);
    const lead = await person("trust_lead", 0);
    const onB = client(1, documentId, leader.cookie);
    const onC = client(2, documentId, leader.cookie);
    await Promise.all([synced(onB), synced(onC)]);
    // Stall every INSERT into the log for a while, so B's store of the edit waits in its group commit.
    let taken!: () => void;
    const lockTaken = new Promise<void>((resolve) => (taken = resolve));
    const stall = db.db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE document_updates IN SHARE MODE`);
      taken();
      await new Promise((r) => setTimeout(r, 700));
    });
    await lockTaken;
    onB.text.insert(0, "Accepted before approval.");
    // C sees it as soon as B accepts it: B has it, but cannot store it yet.
    await eventually(() => expect(onC.text.toString()).toBe("Accepted before approval."));
    const today = new Date().toISOString().slice(0, 10);
    const res = await apiAs(url(0), lead.cookie)("POST", `/api/documents/${documentId}/status`, { status: "approved", approvalBody: "lgb", approvedOn: today });
    expect(res.status, await res.clone().text()).toBe(200);
    await stall;
    const { versionId } = (await res.json()) as { versionId: string };
    const [version] = await db.db.select({ state: documentVersions.state }).from(documentVersions).where(eq(documentVersions.id, versionId));
    const approved = new Y.Doc();
    Y.applyUpdate(approved, version!.state);
    expect(approved.getText("body").toString()).toBe("Accepted before approval.");
  });

  it("sign-out on process A closes that session's socket on process B", async () => {
    const documentId = await newDocument();
    const leader = await person("school_leader", 0);
    const other = await person("school_leader", 2);
    const onB = client(1, documentId, leader.cookie);
    const bystander = client(1, documentId, other.cookie);
    await Promise.all([synced(onB), synced(bystander)]);
    const res = await fetch(`${url(0)}/api/auth/logout`, { method: "POST", headers: { cookie: leader.cookie, origin: url(0) } });
    expect(res.status).toBeLessThan(300);
    await eventually(() => expect(onB.closes.map((x) => x.code)).toContain(CloseCode.signedOut), { timeout: 2000 });
    expect(bystander.closes).toEqual([]);
  });

  it("presence reaches across processes, sent once by the process it came from", async () => {
    const documentId = await newDocument();
    const leader = await person("school_leader");
    const a = client(0, documentId, leader.cookie);
    await synced(a);
    const tap = await ChannelTap.open(SHARED_REDIS, cluster.prefix, documentId);
    try {
      // B and C open the room after A's presence was set: they must ask for it.
      a.provider.awareness.setLocalStateField("cursor", { at: 1 });
      const [b, c] = [client(1, documentId, leader.cookie, { presence: false }), client(2, documentId, leader.cookie, { presence: false })];
      await Promise.all([synced(b), synced(c)]);
      const aId = a.doc.clientID;
      await eventually(() => {
        for (const x of [b, c]) expect(x.provider.awareness.getStates().get(aId)).toMatchObject({ cursor: { at: 1 } });
      });
      // Each process that opened the room asked who is here, and A's process answers each ask:
      // the first answer shows A to both, so the second can still be on its way. Let it land.
      await new Promise((r) => setTimeout(r, 300));
      tap.reset();
      a.provider.awareness.setLocalStateField("cursor", { at: 7 });
      await eventually(() => {
        for (const x of [b, c]) expect(x.provider.awareness.getStates().get(aId)).toMatchObject({ cursor: { at: 7 } });
      });
      // Give any re-publication time to show up, then count: one frame, from A's process.
      await new Promise((r) => setTimeout(r, 300));
      expect(tap.count("presence")).toBe(1);
      a.destroy();
      await eventually(() => {
        for (const x of [b, c]) expect(x.provider.awareness.getStates().has(aId)).toBe(false);
      });
    } finally {
      await tap.close();
    }
  });

  it("a gap in an origin's sequence makes the others catch up from the log", async () => {
    const { documentId, a, b } = await editorsOnTwoProcesses();
    a.text.insert(0, "Relayed. ");
    await eventually(() => expect(b.text.toString()).toBe("Relayed. "));
    // A row stored with no frame for it, as if its frame had been lost on the way.
    const lost = new Y.Doc();
    Y.applyUpdate(lost, Y.encodeStateAsUpdate(a.doc));
    const before = Y.encodeStateVector(lost);
    lost.getText("body").insert(lost.getText("body").length, "From the log.");
    await db.db.insert(documentUpdates).values({ documentId, update: Y.encodeStateAsUpdate(lost, before), userId: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(a.text.toString()).toBe("Relayed. ");
    // A pretend process sends seq 1 and then seq 3 after 2: both processes see the gap.
    const origin = pretendOrigin(documentId);
    try {
      const empty = Y.encodeStateAsUpdate(new Y.Doc());
      await origin.send({ kind: "update", seq: 1, prev: 0, storedThrough: 0, committed: true, userId: null, update: empty });
      await origin.send({ kind: "update", seq: 3, prev: 2, storedThrough: 0, committed: true, userId: null, update: empty });
    } finally {
      origin.close();
    }
    await eventually(() => {
      expect(a.text.toString()).toBe("Relayed. From the log.");
      expect(b.text.toString()).toBe("Relayed. From the log.");
    });
  });

  it("a last update lost on the way shows in the origin's confirmation, with no further edit", async () => {
    const { documentId, a, b } = await editorsOnTwoProcesses();
    const origin = pretendOrigin(documentId);
    try {
      const doc = new Y.Doc();
      doc.getText("body").insert(0, "First. ");
      await origin.send({ kind: "update", seq: 1, prev: 0, storedThrough: 0, committed: true, userId: null, update: Y.encodeStateAsUpdate(doc) });
      await eventually(() => expect(a.text.toString()).toBe("First. "));
      // Seq 2 is stored but its frame never arrives; then the origin confirms through 2.
      const before = Y.encodeStateVector(doc);
      doc.getText("body").insert(7, "Lost on the way.");
      await db.db.insert(documentUpdates).values({ documentId, update: Y.encodeStateAsUpdate(doc, before), userId: null });
      await origin.send({ kind: "stored", through: 0, last: 2 });
    } finally {
      origin.close();
    }
    await eventually(() => {
      expect(a.text.toString()).toBe("First. Lost on the way.");
      expect(b.text.toString()).toBe("First. Lost on the way.");
    });
  });

  it("an update relayed ahead of its commit is stored by a receiver, once, when its origin never confirms it", async () => {
    const { documentId, leader, b } = await editorsOnTwoProcesses();
    const [confirmed, unconfirmed] = (await reserveIds(2)) as [number, number];
    const origin = pretendOrigin(documentId);
    const doc = new Y.Doc();
    doc.getText("body").insert(0, "Confirmed. ");
    const first = Y.encodeStateAsUpdate(doc);
    try {
      // Confirmed by the origin's next frame: the receivers leave storing it to the origin.
      await origin.send({ kind: "update", seq: confirmed, prev: 0, storedThrough: 0, committed: false, userId: leader.id, update: first });
      const before = Y.encodeStateVector(doc);
      doc.getText("body").insert(11, "Never confirmed.");
      await origin.send({ kind: "update", seq: unconfirmed, prev: confirmed, storedThrough: confirmed, committed: false, userId: leader.id, update: Y.encodeStateAsUpdate(doc, before) });
    } finally {
      origin.close();
    }
    await eventually(() => expect(b.text.toString()).toBe("Confirmed. Never confirmed."));
    // The origin "died" before committing the second: after the grace period both receivers try to store it.
    const ids = async () => (await db.db.select({ id: documentUpdates.id, userId: documentUpdates.userId }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId)));
    await eventually(async () => expect(await ids()).toEqual([{ id: unconfirmed, userId: leader.id }]), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ids()).toEqual([{ id: unconfirmed, userId: leader.id }]);
    // The origin's own row completes the document.
    await db.db.insert(documentUpdates).values({ id: confirmed, documentId, update: first, userId: leader.id });
    expect(await storedText(documentId)).toBe("Confirmed. Never confirmed.");
  });
});

/** A new draft with one school leader editing it on process 0 and on process 1, both synced. */
async function editorsOnTwoProcesses() {
  const documentId = await newDocument();
  const leader = await person("school_leader");
  const [a, b] = [client(0, documentId, leader.cookie), client(1, documentId, leader.cookie)];
  await Promise.all([synced(a), synced(b)]);
  return { documentId, leader, a, b };
}

/** Publishes relay frames on a document's channel as a process of its own would. */
function pretendOrigin(documentId: string) {
  const pub = new Redis(SHARED_REDIS);
  const id = Buffer.from(`pretend-${Math.random().toString(36).slice(2, 8)}`, "latin1");
  return {
    send: (frame: RelayFrame) => pub.publish(`${cluster.prefix}r:${documentId}`, Buffer.concat([Buffer.of(id.length), id, encodeFrame(frame)])),
    close: () => pub.disconnect(),
  };
}

/** Log ids taken from the log's own sequence, as a process reserves them. */
async function reserveIds(n: number): Promise<number[]> {
  const result = await db.db.execute(sql`SELECT nextval(pg_get_serial_sequence('document_updates', 'id'))::float8 AS id FROM generate_series(1, ${n})`);
  return rowsOf<{ id: number }>(result).map((r) => Number(r.id)).sort((x, y) => x - y);
}
