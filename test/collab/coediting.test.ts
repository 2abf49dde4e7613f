/** Several stock y-websocket clients edit one document through /collab and converge. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadDocumentState } from "../../server/collab/index.js";
import { userColor } from "../../server/collab/awarenessStamp.js";
import { eventually } from "../support.js";
import { connectClient, synced, type Client } from "./clients.js";
import { collabStage, type Person } from "./fixture.js";

describe("co-editing over /collab", () => {
  let stage: Awaited<ReturnType<typeof collabStage>>;
  let leader: Person;
  let champion: Person;
  let admin: Person;
  const clients: Client[] = [];
  const client = (...args: Parameters<typeof connectClient>) => {
    const c = connectClient(...args);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    stage = await collabStage();
    leader = await stage.person("school_leader");
    champion = await stage.person("improvement_champion");
    admin = await stage.person("trust_admin", null);
  });
  // Each WebsocketProvider holds a process "exit" listener until destroyed: free them per test.
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => stage.server.closeAll());

  it("three clients editing at once converge, and the server stores the result", async () => {
    const documentId = await stage.newDocument();
    const [a, b, c] = [leader, champion, admin].map((p) => client(stage.server.url, documentId, p.cookie));
    await Promise.all([a, b, c].map((x) => synced(x!)));
    for (let i = 0; i < 20; i++) {
      a!.text.insert(0, "a");
      b!.text.insert(b!.text.length, "b");
      c!.text.insert(Math.floor(c!.text.length / 2), "c");
    }
    await eventually(() => {
      expect(a!.text.length).toBe(60);
      expect(b!.text.toString()).toBe(a!.text.toString());
      expect(c!.text.toString()).toBe(a!.text.toString());
    });
    await stage.server.collab.flushAll();
    const stored = await loadDocumentState(stage.db, documentId);
    expect(stored.getText("body").toString()).toBe(a!.text.toString());
  });

  it("edits made while disconnected merge on reconnect", async () => {
    const documentId = await stage.newDocument();
    const a = client(stage.server.url, documentId, leader.cookie);
    const b = client(stage.server.url, documentId, champion.cookie);
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, "shared start. ");
    await eventually(() => expect(b.text.toString()).toBe("shared start. "));

    a.provider.disconnect();
    a.text.insert(a.text.length, "offline from A. ");
    b.text.insert(0, "online from B. ");
    a.provider.connect();

    await eventually(() => {
      expect(a.text.toString()).toBe(b.text.toString());
      expect(a.text.toString()).toContain("offline from A. ");
      expect(a.text.toString()).toContain("online from B. ");
    });
  });

  it("a room unloads after its last client leaves, and a later client sees everything", async () => {
    const documentId = await stage.newDocument();
    const a = client(stage.server.url, documentId, leader.cookie);
    await synced(a);
    a.text.insert(0, "written before leaving");
    const before = stage.server.collab.stats().rooms;
    a.destroy();
    await eventually(() => expect(stage.server.collab.stats().rooms).toBe(before - 1));
    const later = client(stage.server.url, documentId, champion.cookie);
    await synced(later);
    await eventually(() => expect(later.text.toString()).toBe("written before leaving"));
  });

  it("stamps awareness with the session's user, whatever the client claims", async () => {
    const documentId = await stage.newDocument();
    const a = client(stage.server.url, documentId, leader.cookie);
    const b = client(stage.server.url, documentId, champion.cookie);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", { id: admin.id, name: "The CEO", color: "#000000" });
    a.provider.awareness.setLocalStateField("cursor", { anchor: 1 });
    await eventually(() => {
      const seen = b.provider.awareness.getStates().get(a.doc.clientID);
      expect(seen?.user).toEqual({ id: leader.id, name: leader.name, color: userColor(leader.id) });
      expect(seen?.cursor).toEqual({ anchor: 1 });
    });
    expect(userColor(leader.id)).toMatch(/^#[0-9a-f]{6}$/);
    expect(userColor(leader.id)).toBe(userColor(leader.id));

    // A client cannot speak for another connection's awareness id either.
    const c = client(stage.server.url, documentId, admin.cookie);
    await synced(c);
    await eventually(() => expect(c.provider.awareness.getStates().get(a.doc.clientID)?.user?.id).toBe(leader.id));
    a.destroy();
    await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });

  it("changeDocument applies a server-side change live, stores it and names its origin", async () => {
    const documentId = await stage.newDocument();
    const a = client(stage.server.url, documentId, leader.cookie);
    await synced(a);
    await stage.server.collab.changeDocument(documentId, (doc) => doc.getText("body").insert(0, "From the template. "), null);
    await eventually(() => expect(a.text.toString()).toBe("From the template. "));
    const stored = await loadDocumentState(stage.db, documentId);
    expect(stored.getText("body").toString()).toBe("From the template. ");

    // On a document with no open room, it loads the room, writes, stores and unloads again.
    const closed = await stage.newDocument();
    const roomsBefore = stage.server.collab.stats().rooms;
    await stage.server.collab.changeDocument(closed, (doc) => doc.getMap("meta").set("seeded", true), admin.id);
    const state = await loadDocumentState(stage.db, closed);
    expect(state.getMap("meta").get("seeded")).toBe(true);
    await eventually(() => expect(stage.server.collab.stats().rooms).toBe(roomsBefore));
  });

  it("documentState reads the live room, edits not yet flushed included", async () => {
    const documentId = await stage.newDocument();
    const a = client(stage.server.url, documentId, leader.cookie);
    await synced(a);
    a.text.insert(0, "live words");
    await eventually(async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await stage.server.collab.documentState(documentId));
      expect(doc.getText("body").toString()).toBe("live words");
    });

    // A document whose room is closed reads from the log.
    const closed = await stage.newDocument();
    await stage.server.collab.changeDocument(closed, (d) => d.getText("body").insert(0, "stored words"), null);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await stage.server.collab.documentState(closed));
    expect(doc.getText("body").toString()).toBe("stored words");
  });

  it("a Y.Doc observer on the server sees the connection's user as the origin", async () => {
    const documentId = await stage.newDocument();
    const a = client(stage.server.url, documentId, champion.cookie);
    await synced(a);
    const origins: unknown[] = [];
    await stage.server.collab.changeDocument(
      documentId,
      (doc) => doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin)),
      null,
    );
    a.text.insert(0, "hello");
    await eventually(() => expect(origins).toContainEqual({ userId: champion.id, source: "connection" }));
  });
});
