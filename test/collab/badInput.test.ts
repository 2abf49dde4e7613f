/** Bad input harms only its sender: the socket is closed with a reason, the room and the log carry on. */
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { loadDocumentState } from "../../server/collab/index.js";
import { eventually } from "../support.js";
import { connectClient, rawSocket, record, synced, type Client } from "./clients.js";
import { collabStage, type Person } from "./fixture.js";

const MAX_MESSAGE_BYTES = 64 * 1024;

const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
};
const syncUpdate = (update: Uint8Array) =>
  frame(
    (e) => encoding.writeVarUint(e, 0),
    (e) => encoding.writeVarUint(e, 2),
    (e) => encoding.writeVarUint8Array(e, update),
  );
const str = (s: string) => [s.length, ...Buffer.from(s)];
/**
 * An update that decodes cleanly but throws inside Y.applyUpdate, after integrating its first
 * struct: "a" into root text "body", then "b" whose left origin is a clock of its own client
 * that does not exist.
 */
const HALF_APPLYING_UPDATE = Uint8Array.from([1, 2, 7, 0, 4, 1, ...str("body"), ...str("a"), 0x84, 7, 50, ...str("b"), 0]);

describe("bad input on /collab", () => {
  let stage: Awaited<ReturnType<typeof collabStage>>;
  let leader: Person;
  let champion: Person;
  let documentId: string;
  let a: Client;
  let b: Client;
  const extra: Client[] = [];

  beforeAll(async () => {
    stage = await collabStage({ COLLAB_MAX_MESSAGE_BYTES: MAX_MESSAGE_BYTES });
    leader = await stage.person("school_leader");
    champion = await stage.person("improvement_champion");
    documentId = await stage.newDocument();
    a = connectClient(stage.server.url, documentId, leader.cookie);
    b = connectClient(stage.server.url, documentId, champion.cookie);
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, "Intact. ");
    await eventually(() => expect(b.text.toString()).toBe("Intact. "));
  });
  afterAll(async () => {
    for (const c of [a, b, ...extra]) c.destroy();
    await stage.server.closeAll();
  });

  async function attacker(): Promise<WebSocket> {
    const opened = await rawSocket(stage.server.url, documentId, champion.cookie);
    if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
    return opened.ws;
  }

  /** The room still works for the honest clients, and nothing odd reached them or the log. */
  async function roomStillWorks(marker: string) {
    a.text.insert(a.text.length, marker);
    await eventually(() => expect(b.text.toString()).toBe(a.text.toString()));
    expect(a.text.toString()).toContain(marker);
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    await stage.server.collab.flushAll();
    const stored = await loadDocumentState(stage.db, documentId);
    expect(stored.getText("body").toString()).toBe(a.text.toString());
  }

  const cases: { name: string; data: () => Uint8Array | string; code: number }[] = [
    { name: "garbage behind a sync header", data: () => Uint8Array.from([0, 0, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x99]), code: 4400 },
    { name: "garbage that reads as a huge message type", data: () => Uint8Array.from([0xff, 0xfe, 0x13, 0x37, 0x00, 0x99]), code: 4415 },
    { name: "an unknown message type", data: () => frame((e) => encoding.writeVarUint(e, 9)), code: 4415 },
    { name: "an unknown sync message type", data: () => frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 7), (e) => encoding.writeVarUint8Array(e, new Uint8Array([0]))), code: 4415 },
    { name: "an update that fails to decode", data: () => syncUpdate(Uint8Array.from([1, 5, 9, 0, 4, 200, 3])), code: 4400 },
    { name: "a truncated frame", data: () => Uint8Array.from([0, 2, 50, 1, 2]), code: 4400 },
    { name: "awareness that is not JSON", data: () => frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, frame((x) => encoding.writeVarUint(x, 1), (x) => encoding.writeVarUint(x, 42), (x) => encoding.writeVarUint(x, 1), (x) => encoding.writeVarString(x, "{not json")))), code: 4400 },
    { name: "a text frame", data: () => "hello", code: 4400 },
    { name: "an oversized message", data: () => syncUpdate(new Uint8Array(MAX_MESSAGE_BYTES + 1)), code: 1009 },
  ];

  for (const { name, data, code } of cases) {
    it(`${name} closes only that socket (${code})`, async () => {
      const ws = await attacker();
      const { closed } = record(ws);
      ws.send(data());
      expect((await closed).code).toBe(code);
      await roomStillWorks(`after ${name}. `);
    });
  }

  it("an update that throws inside Y.applyUpdate closes only its sender, and its half never lands", async () => {
    // The premise: Yjs really does half-apply this update before throwing.
    const probe = new Y.Doc();
    expect(() => Y.applyUpdate(probe, HALF_APPLYING_UPDATE)).toThrow();
    expect(probe.getText("body").toString()).toBe("a");

    const ws = await attacker();
    const { closed } = record(ws);
    ws.send(syncUpdate(HALF_APPLYING_UPDATE));
    expect(await closed).toEqual({ code: 4422, reason: "update could not be applied" });
    await roomStillWorks("after the half-applying update. ");
    expect(a.text.toString()).not.toMatch(/^a/);

    // A newcomer gets the room's (rebuilt) state, without the stray "a".
    const c = connectClient(stage.server.url, documentId, leader.cookie);
    extra.push(c);
    await synced(c);
    await eventually(() => expect(c.text.toString()).toBe(a.text.toString()));
  });

  it("a doc observer that throws (an extension's bug) neither closes the sender nor loses the edit", async () => {
    const own = await stage.newDocument();
    const x = connectClient(stage.server.url, own, leader.cookie);
    const y = connectClient(stage.server.url, own, champion.cookie);
    extra.push(x, y);
    await Promise.all([synced(x), synced(y)]);
    await stage.server.collab.changeDocument(
      own,
      (doc) =>
        doc.getText("body").observe(() => {
          throw new Error("extension bug");
        }),
      null,
    );
    x.text.insert(0, "kept despite the bug");
    await eventually(() => expect(y.text.toString()).toBe("kept despite the bug"));
    await stage.server.collab.flushAll();
    expect((await loadDocumentState(stage.db, own)).getText("body").toString()).toBe("kept despite the bug");
    expect(x.closes).toEqual([]);
  });

  it("garbage from a read-only socket is refused the same way", async () => {
    const governor = await stage.person("governor");
    const opened = await rawSocket(stage.server.url, documentId, governor.cookie);
    if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
    const { closed } = record(opened.ws);
    opened.ws.send(syncUpdate(Uint8Array.from([3, 3, 3])));
    expect((await closed).code).toBe(4400);
    await roomStillWorks("after read-only garbage. ");
  });
});
