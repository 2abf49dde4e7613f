/** Roles hold on the socket: who may connect, and whose updates are refused (DESIGN section 7). */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PERMISSION_DENIED, loadDocumentState } from "../../server/collab/index.js";
import { documents } from "../../server/db/schema/index.js";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { eventually, signIn } from "../support.js";
import { connectClient, rawSocket, record, roundTrip, synced, type Client } from "./clients.js";
import { collabStage, type Person } from "./fixture.js";

describe("permissions on /collab", () => {
  let stage: Awaited<ReturnType<typeof collabStage>>;
  let leader: Person;
  let governor: Person;
  let otherHead: Person;
  const clients: Client[] = [];
  const client = (...args: Parameters<typeof connectClient>) => {
    const c = connectClient(...args);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    stage = await collabStage();
    leader = await stage.person("school_leader");
    governor = await stage.person("governor");
    const otherSchool = await buildSchool(stage.db);
    otherHead = await stage.person("school_leader", otherSchool.id);
  });
  // Each WebsocketProvider holds a process "exit" listener until destroyed: free them per test.
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => stage.server.closeAll());

  it("a governor reads the document, but their update reaches no one and is not stored", async () => {
    const documentId = await stage.newDocument();
    const writer = client(stage.server.url, documentId, leader.cookie);
    await synced(writer);
    writer.text.insert(0, "Draft: The plan. ");
    writer.text.delete(0, "Draft: ".length);
    const gov = client(stage.server.url, documentId, governor.cookie);
    await synced(gov);
    await eventually(() => expect(gov.text.toString()).toBe("The plan. "));
    // Rejoining with nothing new (a sync step 2 holding only known deletions) is normal.
    gov.provider.disconnect();
    gov.provider.connect();
    await synced(gov);
    await roundTrip(gov);
    expect(gov.denied).toEqual([]);

    gov.text.insert(0, "GOVERNOR WAS HERE ");
    await eventually(() => expect(gov.denied).toEqual([PERMISSION_DENIED]));
    // Refused, then closed (4423, no automatic reconnect): a provider holding refused structs
    // must rebuild its doc, or everything it typed later would depend on them (issue 10 item 1).
    await eventually(() => expect(gov.closes).toEqual([{ code: 4423, reason: "document is read-only; local changes were not saved" }]));
    // The writer carries on.
    writer.text.insert(writer.text.length, "More. ");
    expect(writer.text.toString()).toBe("The plan. More. ");

    await eventually(async () => {
      await stage.server.collab.flushAll();
      expect((await loadDocumentState(stage.db, documentId)).getText("body").toString()).toBe("The plan. More. ");
    });

    // Reconnecting with the refused edit still in its doc is refused again, not merged.
    gov.provider.connect();
    await eventually(() => expect(gov.denied.length).toBeGreaterThanOrEqual(2));
    const fresh = client(stage.server.url, documentId, leader.cookie);
    await synced(fresh);
    expect(fresh.text.toString()).toBe("The plan. More. ");
  });

  it("an approved document is read-only even for its school leader", async () => {
    const documentId = await stage.newDocument("approved");
    const c = client(stage.server.url, documentId, leader.cookie);
    await synced(c);
    c.text.insert(0, "sneaky edit");
    await eventually(() => expect(c.denied).toEqual([PERMISSION_DENIED]));
    await stage.server.collab.flushAll();
    expect((await loadDocumentState(stage.db, documentId)).getText("body").toString()).toBe("");
  });

  it("approving a document while it is open turns its writers read-only", async () => {
    const documentId = await stage.newDocument();
    const c = client(stage.server.url, documentId, leader.cookie);
    const watcher = client(stage.server.url, documentId, governor.cookie);
    await Promise.all([synced(c), synced(watcher)]);
    c.text.insert(0, "Draft text. ");
    await eventually(() => expect(watcher.text.toString()).toBe("Draft text. "));

    await stage.db.update(documents).set({ status: "approved" }).where(eq(documents.id, documentId));
    await stage.server.deps.hooks.onDocumentStatusChanged!(documentId);
    c.text.insert(c.text.length, "After approval.");
    await eventually(() => expect(c.denied).toEqual([PERMISSION_DENIED]));
    await stage.server.collab.flushAll();
    expect((await loadDocumentState(stage.db, documentId)).getText("body").toString()).toBe("Draft text. ");
    expect(watcher.text.toString()).toBe("Draft text. ");
  });

  it("refuses another school's head and an anonymous socket before sending a byte", async () => {
    const documentId = await stage.newDocument();
    const anonymous = await rawSocket(stage.server.url, documentId, null);
    expect(anonymous).toMatchObject({ status: 401 });
    const foreign = await rawSocket(stage.server.url, documentId, otherHead.cookie);
    expect(foreign).toMatchObject({ status: 404 });
    const forged = await rawSocket(stage.server.url, documentId, "trellis_session=abc.def");
    expect(forged).toMatchObject({ status: 401 });
    const missing = await rawSocket(stage.server.url, "00000000-0000-4000-8000-000000000000", leader.cookie);
    expect(missing).toMatchObject({ status: 404 });
    const notAnId = await rawSocket(stage.server.url, "not-a-document", leader.cookie);
    expect(notAnId).toMatchObject({ status: 404 });

    // A stock provider from another school's head never syncs and never gets the text.
    const writer = client(stage.server.url, documentId, leader.cookie);
    await synced(writer);
    writer.text.insert(0, "Private to this school");
    const intruder = client(stage.server.url, documentId, otherHead.cookie);
    await eventually(() => expect(intruder.closes.length).toBeGreaterThanOrEqual(2));
    expect(intruder.provider.synced).toBe(false);
    expect(intruder.text.toString()).toBe("");
  });

  it("refuses a cross-site browser origin", async () => {
    const documentId = await stage.newDocument();
    const { WebSocket } = await import("ws");
    const url = `${stage.server.url.replace("http", "ws")}/collab/${documentId}`;
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { cookie: leader.cookie, origin: "https://evil.example" } });
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => reject(new Error("cross-site socket was admitted")));
    });
    expect(status).toBe(403);
    const same = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(url, { headers: { cookie: leader.cookie, origin: stage.server.url } });
      ws.once("open", () => {
        ws.close();
        resolve(true);
      });
      ws.once("unexpected-response", () => resolve(false));
    });
    expect(same).toBe(true);
  });

  it("closes a reader whose access is withdrawn while connected", async () => {
    const documentId = await stage.newDocument();
    const leaving = await stage.person("governor");
    const reader = await rawSocket(stage.server.url, documentId, leaving.cookie);
    if (!("ws" in reader)) throw new Error(`refused: ${reader.status}`);
    const { closed } = record(reader.ws);
    const { memberships } = await import("../../server/db/schema/index.js");
    await stage.db.delete(memberships).where(eq(memberships.userId, leaving.id));
    await stage.server.collab.refreshPermissions(documentId);
    expect(await closed).toEqual({ code: 4403, reason: "permission withdrawn" });
  });

  it("signing out closes the sockets of that session, and only those", async () => {
    const documentId = await stage.newDocument();
    const user = await buildUser(stage.db, { role: "governor", schoolId: stage.school.id });
    const [laptop, phone] = [await signIn(stage.server.url, user.email, TEST_PASSWORD), await signIn(stage.server.url, user.email, TEST_PASSWORD)];
    const onLaptop = await rawSocket(stage.server.url, documentId, laptop);
    if (!("ws" in onLaptop)) throw new Error(`refused: ${onLaptop.status}`);
    const laptopSocket = record(onLaptop.ws);
    const onPhone = client(stage.server.url, documentId, phone);
    await synced(onPhone);
    const res = await fetch(`${stage.server.url}/api/auth/logout`, { method: "POST", headers: { cookie: laptop } });
    expect(res.status).toBe(204);
    expect(await laptopSocket.closed).toEqual({ code: 4401, reason: "signed out" });
    await roundTrip(onPhone);
    expect(onPhone.closes).toEqual([]);
  });

  it("a trust admin's role changes reach the person's open sockets: a new role can write, a removed one is cut off", async () => {
    const documentId = await stage.newDocument();
    const admin = await stage.person("trust_admin", null);
    const viewer = await stage.person("viewer");
    const writer = client(stage.server.url, documentId, leader.cookie);
    const watcher = client(stage.server.url, documentId, viewer.cookie);
    await Promise.all([synced(writer), synced(watcher)]);
    const asAdmin = (method: string, path: string, body?: unknown) =>
      fetch(`${stage.server.url}${path}`, { method, headers: { cookie: admin.cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

    const granted = await asAdmin("POST", "/api/memberships", { userId: viewer.id, role: "school_leader", schoolId: stage.school.id });
    expect(granted.status).toBe(201);
    watcher.text.insert(watcher.text.length, "accepted");
    await eventually(() => expect(writer.text.toString()).toContain("accepted"));

    const { memberships } = await import("../../server/db/schema/index.js");
    const held = await stage.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, viewer.id));
    for (const m of held) expect((await asAdmin("DELETE", `/api/memberships/${m.id}`)).status).toBe(204);
    await eventually(() => expect(watcher.closes).toContainEqual({ code: 4403, reason: "permission withdrawn" }));
  });
});
