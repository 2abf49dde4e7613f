/**
 * Edits survive a SIGKILL mid-burst, and SIGTERM flushes and closes cleanly. The server runs as
 * a child process over real data (PGlite on disk, or Postgres).
 */
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ensureTierScheme } from "../../server/bootstrap.js";
import { loadDocumentState } from "../../server/collab/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { eventually, signIn } from "../support.js";
import { connectClient, connectSession, sessionReady, synced, type Client } from "./clients.js";
import { freePort } from "../../deploy/freePort.js";
import { childData, startChild, type Child, type ChildData } from "./childServer.js";

/** Seeds a school leader, a champion and a draft document into the child's data. */
async function seed(data: ChildData) {
  const database = await data.open();
  try {
    await ensureTierScheme(database.db);
    const school = await buildSchool(database.db);
    const leader = await buildUser(database.db, { role: "school_leader", schoolId: school.id });
    const champion = await buildUser(database.db, { role: "improvement_champion", schoolId: school.id });
    const document = await buildDocument(database.db, { schoolId: school.id });
    return { leader, champion, documentId: document.id };
  } finally {
    await database.close();
  }
}

/** Reads what the log holds, from the test process, with no server running. */
async function storedDoc(data: ChildData, documentId: string): Promise<Y.Doc> {
  const database = await data.open();
  try {
    return await loadDocumentState(database.db, documentId);
  } finally {
    await database.close();
  }
}

/** Every token ("A12,") a client typed. */
const tokens = (text: string) => new Set(text.split(",").filter(Boolean));

/** Appends a numbered token every few milliseconds, online or not. */
function typist(client: Client, tag: string) {
  let n = 0;
  const typed: string[] = [];
  const timer = setInterval(() => {
    const token = `${tag}${n++}`;
    typed.push(token);
    client.text.insert(client.text.length, `${token},`);
  }, 3);
  return { typed, stop: () => clearInterval(timer) };
}

/** True when every client the first state vector knows is at least as far along in the second. */
function covers(later: Uint8Array, earlier: Uint8Array): boolean {
  const a = Y.decodeStateVector(later);
  for (const [client, clock] of Y.decodeStateVector(earlier)) if ((a.get(client) ?? 0) < clock) return false;
  return true;
}

describe("server lifecycle", () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it("after SIGKILL mid-burst and a restart, nothing stored is lost and the clients converge", async () => {
    const data = await childData();
    cleanup.push(() => data.dispose());
    const { leader, champion, documentId } = await seed(data);
    const port = await freePort();
    let child: Child = await startChild(data, port);
    cleanup.push(() => child.process.kill("SIGKILL"));

    const a = connectClient(child.url, documentId, await signIn(child.url, leader.email, TEST_PASSWORD));
    const b = connectClient(child.url, documentId, await signIn(child.url, champion.email, TEST_PASSWORD));
    cleanup.push(() => a.destroy(), () => b.destroy());
    await Promise.all([synced(a), synced(b)]);

    const typingA = typist(a, "A");
    const typingB = typist(b, "B");
    cleanup.push(typingA.stop, typingB.stop);
    // Mid-burst: both sides have relayed plenty through the server, and are still typing.
    await eventually(() => {
      expect(tokens(a.text.toString()).size).toBeGreaterThan(100);
      expect([...tokens(a.text.toString())].some((t) => t.startsWith("B"))).toBe(true);
    });
    child.process.kill("SIGKILL");
    expect((await child.exited).signal).toBe("SIGKILL");
    await eventually(() => expect(a.provider.wsconnected || b.provider.wsconnected).toBe(false));

    // What reached the log before the kill.
    const beforeRestart = await storedDoc(data, documentId);
    const storedText = beforeRestart.getText("body").toString();
    const storedTokens = tokens(storedText);
    expect(storedTokens.size).toBeGreaterThan(50);
    const storedVector = Y.encodeStateVector(beforeRestart);

    // The clients kept typing while the server was down; they reconnect to the restarted one.
    child = await startChild(data, port);
    await eventually(() => expect(a.provider.synced && b.provider.synced).toBe(true), { timeout: 10_000 });
    typingA.stop();
    typingB.stop();
    await eventually(() => {
      expect(a.text.toString()).toBe(b.text.toString());
      const seen = tokens(a.text.toString());
      for (const t of [...typingA.typed, ...typingB.typed]) expect(seen.has(t)).toBe(true);
    }, { timeout: 10_000 });

    // Shut down cleanly, then check the log: it holds everything stored before, and everything typed.
    child.process.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
    const final = await storedDoc(data, documentId);
    expect(covers(Y.encodeStateVector(final), storedVector)).toBe(true);
    const finalTokens = tokens(final.getText("body").toString());
    for (const t of storedTokens) expect(finalTokens.has(t)).toBe(true);
    expect(final.getText("body").toString()).toBe(a.text.toString());
  });

  it("after SIGKILL, every edit the editor was told is Saved is in the database (issue 10 item 2)", async () => {
    const data = await childData();
    cleanup.push(() => data.dispose());
    const { leader, documentId } = await seed(data);
    const child = await startChild(data, await freePort());
    cleanup.push(() => child.process.kill("SIGKILL"));
    const editor = connectSession(child.url, documentId, await signIn(child.url, leader.email, TEST_PASSWORD));
    cleanup.push(() => editor.destroy());
    await sessionReady(editor, true);

    // Type a token every few milliseconds; each time the session says Saved, everything typed so far is claimed stored.
    const typed: string[] = [];
    let claimed: string[] = [];
    let savedMoments = 0;
    let paused = 0;
    const timer = setInterval(() => {
      // Short pauses every 25 tokens, as people type: moments when all is confirmed come often.
      if (typed.length % 25 === 0 && paused++ < 15) return;
      paused = 0;
      const token = `T${typed.length}`;
      typed.push(token);
      const text = editor.ydoc.getText("body");
      text.insert(text.length, `${token},`);
    }, 2);
    const watch = setInterval(() => {
      if (!editor.saved || claimed.length === typed.length) return;
      claimed = [...typed];
      savedMoments++;
    }, 1);
    cleanup.push(() => clearInterval(timer), () => clearInterval(watch));
    await eventually(() => {
      expect(savedMoments).toBeGreaterThan(5);
      expect(claimed.length).toBeGreaterThan(50);
    }, { timeout: 15_000 });
    // Kill mid-burst: some edits are typed but not yet confirmed.
    child.process.kill("SIGKILL");
    clearInterval(watch);
    clearInterval(timer);
    expect((await child.exited).signal).toBe("SIGKILL");
    const unconfirmed = typed.length - claimed.length;

    const stored = tokens((await storedDoc(data, documentId)).getText("body").toString());
    for (const t of claimed) expect(stored.has(t), `${t} was shown as Saved`).toBe(true);
    // While anything typed is missing from the database, the editor does not say Saved.
    const missing = typed.filter((t) => !stored.has(t));
    if (missing.length) expect(editor.saved).toBe(false);
    expect(missing.length).toBeLessThanOrEqual(unconfirmed);
  }, 90_000);

  it("SIGTERM flushes every room and closes the sockets with 1012 (service restart), which providers reconnect from", async () => {
    const data = await childData();
    cleanup.push(() => data.dispose());
    const { leader, champion, documentId } = await seed(data);
    const child = await startChild(data, await freePort());
    cleanup.push(() => child.process.kill("SIGKILL"));
    const a = connectClient(child.url, documentId, await signIn(child.url, leader.email, TEST_PASSWORD));
    const b = connectClient(child.url, documentId, await signIn(child.url, champion.email, TEST_PASSWORD));
    cleanup.push(() => a.destroy(), () => b.destroy());
    await Promise.all([synced(a), synced(b)]);

    for (let i = 0; i < 200; i++) a.text.insert(a.text.length, `${i},`);
    // Once b has everything, the server has applied it; SIGTERM must get it to the log.
    await eventually(() => expect(b.text.toString()).toBe(a.text.toString()));
    child.process.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(a.closes[0]).toEqual({ code: 1012, reason: "server shutting down" });
    expect(b.closes[0]).toEqual({ code: 1012, reason: "server shutting down" });
    a.provider.disconnect();
    b.provider.disconnect();
    expect((await storedDoc(data, documentId)).getText("body").toString()).toBe(a.text.toString());
  });
});
