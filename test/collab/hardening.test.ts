/**
 * Issue 10's collaboration holes, each as a regression test with real providers against a real
 * server: refused edits never land and never poison what follows, "Saved" means stored, clock
 * gaps are bounded, approval locks writers before it captures, presence is capped, and sockets
 * end with their session.
 */
import { eq } from "drizzle-orm";
import * as encoding from "lib0/encoding";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { CollabSession } from "../../client/src/editor/CollabSession.js";
import { loadDocumentState } from "../../server/collab/index.js";
import { documentVersions, sessions } from "../../server/db/schema/index.js";
import { apiAs, eventually } from "../support.js";
import { connectClient, connectSession, rawSocket, record, roundTrip, sessionReady, synced, type Client } from "./clients.js";
import { collabStage, type Person } from "./fixture.js";

const AWARENESS = 1;
const SYNC = 0;
const SYNC_UPDATE = 2;

/** A raw y-websocket frame carrying an awareness update. */
function awarenessFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A raw awareness update with `count` states of `stateJson`, client ids from `firstId`. */
function awarenessStates(count: number, stateJson: string, firstId = 1000): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, firstId + i);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, stateJson);
  }
  return encoding.toUint8Array(e);
}

/** A raw sync "update" frame. */
function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe("collab hardening (issue 10)", () => {
  let stage: Awaited<ReturnType<typeof collabStage>>;
  let leader: Person;
  let lead: Person;
  let viewer: Person;
  const clients: Client[] = [];
  const sessionsOpen: CollabSession[] = [];
  const client = (...args: Parameters<typeof connectClient>) => {
    const c = connectClient(...args);
    clients.push(c);
    return c;
  };
  const session = (...args: Parameters<typeof connectSession>) => {
    const s = connectSession(...args);
    sessionsOpen.push(s);
    return s;
  };
  const stored = async (documentId: string) => {
    await stage.server.collab.flushAll();
    return (await loadDocumentState(stage.db, documentId)).getText("body").toString();
  };
  const setStatus = async (documentId: string, body: Record<string, unknown>) => {
    const res = await apiAs(stage.server.url, lead.cookie)("POST", `/api/documents/${documentId}/status`, body);
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
    return (await res.json()) as { versionId: string | null };
  };
  const approve = async (documentId: string) => {
    await setStatus(documentId, { status: "in_review" });
    return setStatus(documentId, { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-20" });
  };

  beforeAll(async () => {
    stage = await collabStage();
    leader = await stage.person("school_leader");
    lead = await stage.person("trust_lead", null);
    viewer = await stage.person("viewer");
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of sessionsOpen.splice(0)) s.destroy();
  });
  afterAll(() => stage.server.closeAll());

  describe("item 1: a refused edit never lands and never poisons the socket", () => {
    it("text typed while approved is dropped; text typed after a new revision is stored", async () => {
      const documentId = await stage.newDocument();
      const editor = session(stage.server.url, documentId, leader.cookie);
      await sessionReady(editor, true);
      editor.ydoc.getText("body").insert(0, "ONE ");
      await eventually(() => expect(editor.saved).toBe(true));

      await approve(documentId);
      // The server says read-only on its own, before any keystroke is refused.
      await eventually(() => expect(editor.state.writable).toBe(false));
      const before = editor.ydoc;
      editor.ydoc.getText("body").insert(4, "TWO ");
      // Refused: the session drops its local state and resyncs read-only on a fresh Y.Doc.
      await eventually(() => expect(editor.ydoc).not.toBe(before));
      await sessionReady(editor, false);
      expect(editor.state.discarded).toBeGreaterThanOrEqual(1);
      expect(editor.ydoc.getText("body").toString()).toBe("ONE ");

      await setStatus(documentId, { status: "draft" });
      await eventually(() => expect(editor.state.writable).toBe(true));
      editor.ydoc.getText("body").insert(4, "THREE ");
      await eventually(() => expect(editor.saved).toBe(true));
      expect(await stored(documentId)).toBe("ONE THREE ");
      const reader = client(stage.server.url, documentId, leader.cookie);
      await synced(reader);
      expect(reader.text.toString()).toBe("ONE THREE ");
    });

    it("a stock provider that keeps its refused edit and reconnects after the reopening is refused again", async () => {
      const documentId = await stage.newDocument();
      const stock = client(stage.server.url, documentId, leader.cookie);
      await synced(stock);
      stock.text.insert(0, "ONE ");
      await approve(documentId);
      await eventually(async () => expect(await stored(documentId)).toBe("ONE "));
      stock.text.insert(4, "TWO ");
      await eventually(() => expect(stock.closes).toContainEqual({ code: 4423, reason: "document is read-only; local changes were not saved" }));
      await setStatus(documentId, { status: "draft" });
      stock.provider.connect();
      await eventually(() => expect(stock.closes.filter((c) => c.code === 4423).length).toBe(2));
      expect(await stored(documentId)).toBe("ONE ");
    });

    it("a viewer whose edit was refused types again once their role is raised, and it is stored", async () => {
      const documentId = await stage.newDocument();
      const person = await stage.person("viewer");
      const admin = await stage.person("trust_admin", null);
      const s = session(stage.server.url, documentId, person.cookie);
      await sessionReady(s, false);
      s.ydoc.getText("body").insert(0, "REFUSED ");
      await eventually(() => expect(s.state.discarded).toBe(1));
      await sessionReady(s, false);
      const granted = await apiAs(stage.server.url, admin.cookie)("POST", "/api/memberships", { userId: person.id, role: "school_leader", schoolId: stage.school.id });
      expect(granted.status).toBe(201);
      await eventually(() => expect(s.state.writable).toBe(true));
      s.ydoc.getText("body").insert(0, "ACCEPTED ");
      await eventually(() => expect(s.saved).toBe(true));
      expect(await stored(documentId)).toBe("ACCEPTED ");
    });
  });

  describe("item 2: Saved means stored", () => {
    it("the session shows Saved only once the server confirms, and then the database holds every edit", async () => {
      const documentId = await stage.newDocument();
      const editor = session(stage.server.url, documentId, leader.cookie);
      await sessionReady(editor, true);
      const text = editor.ydoc.getText("body");
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 20; i++) text.insert(text.length, `${round}.${i},`);
        // A deletion moves no state vector: it must still wait for its confirmation.
        text.delete(0, 1);
        expect(editor.saved).toBe(false);
        expect(editor.state.unsaved).toBeGreaterThan(0);
        await eventually(() => expect(editor.saved).toBe(true));
        const expected = text.toString();
        // No flush here: Saved alone must mean the rows are in the database.
        expect((await loadDocumentState(stage.db, documentId)).getText("body").toString()).toBe(expected);
      }
    });

    it("edits made offline stay unsaved until the reconnect's sync is confirmed", async () => {
      const documentId = await stage.newDocument();
      const editor = session(stage.server.url, documentId, leader.cookie);
      await sessionReady(editor, true);
      editor.disconnect();
      editor.ydoc.getText("body").insert(0, "offline words");
      expect(editor.saved).toBe(false);
      editor.connect();
      await eventually(() => expect(editor.saved).toBe(true));
      expect((await loadDocumentState(stage.db, documentId)).getText("body").toString()).toBe("offline words");
    });

    it("a stock WebsocketProvider ignores the notices silently and keeps working", async () => {
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        const documentId = await stage.newDocument();
        const a = client(stage.server.url, documentId, leader.cookie);
        const b = client(stage.server.url, documentId, leader.cookie);
        await Promise.all([synced(a), synced(b)]);
        const noticed: number[] = [];
        a.provider.ws!.addEventListener("message", (event) => {
          const data = new Uint8Array(event.data as ArrayBuffer);
          if (data[0] === 2) noticed.push(data[1]!);
        });
        a.text.insert(0, "stock edit");
        await eventually(() => expect(b.text.toString()).toBe("stock edit"));
        await eventually(() => expect(noticed).toContain(100));
        await roundTrip(a);
        expect(errors).not.toHaveBeenCalled();
        expect(warnings).not.toHaveBeenCalled();
      } finally {
        errors.mockRestore();
        warnings.mockRestore();
      }
    });
  });

  describe("item 3: updates with missing dependencies are bounded", () => {
    it("a connection that piles up updates with a clock gap is closed, the parked structs dropped, and writing carries on", async () => {
      const documentId = await stage.newDocument();
      const writer = session(stage.server.url, documentId, leader.cookie);
      await sessionReady(writer, true);
      const opened = await rawSocket(stage.server.url, documentId, leader.cookie);
      if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
      const { closed } = record(opened.ws);
      // A doc whose first update never reaches the server: every later one has a clock gap.
      const hostile = new Y.Doc();
      const gapped: Uint8Array[] = [];
      hostile.on("update", (u: Uint8Array) => gapped.push(u));
      const body = hostile.getText("body");
      body.insert(0, "never sent");
      for (let i = 0; i < 8; i++) body.insert(body.length, "x".repeat(100_000));
      for (const u of gapped.slice(1)) opened.ws.send(updateFrame(u));
      expect(await closed).toEqual({ code: 4500, reason: "updates with missing dependencies; resync" });
      await eventually(() => expect(stage.server.collab.stats().pendingBytes).toBe(0));
      writer.ydoc.getText("body").insert(0, "still saved");
      await eventually(() => expect(writer.saved).toBe(true));
      expect(await stored(documentId)).toBe("still saved");
    });
  });

  describe("item 4: approval locks writers before it captures the version", () => {
    it("an editor typing through the approval: the approved version holds everything stored", async () => {
      const documentId = await stage.newDocument();
      const typist = session(stage.server.url, documentId, leader.cookie);
      await sessionReady(typist, true);
      let n = 0;
      const timer = setInterval(() => {
        if (typist.state.writable) typist.ydoc.getText("body").insert(typist.ydoc.getText("body").length, `${n++},`);
      }, 1);
      try {
        await eventually(() => expect(n).toBeGreaterThan(30));
        const { versionId } = await approve(documentId);
        await eventually(() => expect(typist.state.writable).toBe(false));
        clearInterval(timer);
        const [version] = await stage.db.select({ state: documentVersions.state }).from(documentVersions).where(eq(documentVersions.id, versionId!));
        const snapshot = new Y.Doc();
        Y.applyUpdate(snapshot, version!.state);
        expect(await stored(documentId)).toBe(snapshot.getText("body").toString());
      } finally {
        clearInterval(timer);
      }
    });
  });

  describe("item 6: presence floods", () => {
    it("counts states inside one awareness message: 100,000 ids in one frame relay at most the per-connection cap", async () => {
      const documentId = await stage.newDocument();
      const watcher = client(stage.server.url, documentId, leader.cookie);
      await synced(watcher);
      const opened = await rawSocket(stage.server.url, documentId, viewer.cookie);
      if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
      opened.ws.send(awarenessFrame(awarenessStates(100_000, "{}")));
      await eventually(() => expect(watcher.provider.awareness.getStates().size).toBeGreaterThan(1));
      await roundTrip(watcher);
      // The watcher's own state plus at most four of the flood.
      expect(watcher.provider.awareness.getStates().size).toBeLessThanOrEqual(5);
      opened.ws.close();
    });

    it("closes a connection whose presence state is past a few KB", async () => {
      const documentId = await stage.newDocument();
      const opened = await rawSocket(stage.server.url, documentId, viewer.cookie);
      if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
      const { closed } = record(opened.ws);
      opened.ws.send(awarenessFrame(awarenessStates(1, JSON.stringify({ cursor: "x".repeat(64 * 1024) }))));
      expect(await closed).toEqual({ code: 4413, reason: "presence state too large" });
    });

    it("caps the room's total presence, so a newcomer's first frame stays small", async () => {
      const documentId = await stage.newDocument();
      // Five people with eight sockets each, four states of 3.5 KB per socket: 560 KB offered.
      const people = await Promise.all(Array.from({ length: 5 }, () => stage.person("viewer")));
      const sockets = [];
      const state = JSON.stringify({ pad: "y".repeat(3500) });
      for (const [i, p] of people.entries()) {
        for (let k = 0; k < 8; k++) {
          const opened = await rawSocket(stage.server.url, documentId, p.cookie);
          if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
          sockets.push(opened.ws);
          opened.ws.send(awarenessFrame(awarenessStates(4, state, 10_000 + (i * 8 + k) * 10)));
        }
      }
      const newcomer = client(stage.server.url, documentId, leader.cookie);
      await synced(newcomer);
      await roundTrip(newcomer);
      const states = newcomer.provider.awareness.getStates();
      const bytes = [...states.values()].reduce((sum, s) => sum + JSON.stringify(s).length, 0);
      expect(bytes).toBeLessThanOrEqual(512 * 1024 + 8 * 1024);
      expect(states.size).toBeGreaterThan(100);
      expect(states.size).toBeLessThan(5 * 8 * 4);
      for (const ws of sockets) ws.close();
    });

    it("caps sockets per person per document", async () => {
      const documentId = await stage.newDocument();
      const person = await stage.person("viewer");
      const sockets = [];
      for (let i = 0; i < 8; i++) {
        const opened = await rawSocket(stage.server.url, documentId, person.cookie);
        if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
        sockets.push(opened.ws);
      }
      await eventually(() => expect(stage.server.collab.stats().connections).toBeGreaterThanOrEqual(8));
      const ninth = await rawSocket(stage.server.url, documentId, person.cookie);
      if (!("ws" in ninth)) throw new Error(`refused: ${ninth.status}`);
      expect(await record(ninth.ws).closed).toEqual({ code: 4429, reason: "too many connections to this document" });
      // Another document, or another person, is unaffected.
      const other = await rawSocket(stage.server.url, await stage.newDocument(), person.cookie);
      expect("ws" in other).toBe(true);
      if ("ws" in other) other.ws.close();
      for (const ws of sockets) ws.close();
    });
  });

  describe("item 13: sockets end with their session", () => {
    it("closes a socket whose session has expired, with a reason", async () => {
      const documentId = await stage.newDocument();
      const person = await stage.person("governor");
      const opened = await rawSocket(stage.server.url, documentId, person.cookie);
      if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
      const { closed } = record(opened.ws);
      const other = client(stage.server.url, documentId, leader.cookie);
      await synced(other);
      const sessionId = decodeURIComponent(person.cookie.split("=")[1]!.split(";")[0]!).split(".")[0]!;
      await stage.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionId));
      // The heartbeat runs this every 30 s; run it now.
      await stage.server.collab.checkSessions();
      expect(await closed).toEqual({ code: 4401, reason: "session expired" });
      await roundTrip(other);
      expect(other.closes).toEqual([]);
    });
  });
});
