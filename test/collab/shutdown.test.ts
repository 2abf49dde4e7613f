/** Shutdown with the database gone: what could not be stored is counted and logged, never claimed saved. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createCollab } from "../../server/collab/index.js";
import { testEnv } from "../../server/env.js";
import type { Logger } from "../../server/logger.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { createTestDatabase, eventually, startTestServer, signIn } from "../support.js";
import { connectClient, synced } from "./clients.js";

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields });
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

describe("collab shutdown with the database unreachable (issue 10 item 17)", () => {
  it("UpdateLog.close() returns how many updates it gave up on, and the server logs them", async () => {
    const database = await createTestDatabase();
    // The app server only signs the user in; the collab server under test is a second one on the same data.
    const app = await startTestServer({ database });
    const school = await buildSchool(database.db);
    const user = await buildUser(database.db, { role: "school_leader", schoolId: school.id });
    const document = await buildDocument(database.db, { schoolId: school.id });
    const cookie = await signIn(app.url, user.email, TEST_PASSWORD);

    const { logger, lines } = recordingLogger();
    const collab = createCollab({ db: database.db, env: testEnv(), logger, log: { closeTimeoutMs: 300 } });
    const http = createServer((_req, res) => res.writeHead(404).end());
    http.on("upgrade", (req, socket, head) => {
      if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const client = connectClient(url, document.id, cookie);
    try {
      await synced(client);
      // The database goes away; edits keep arriving and can only queue.
      await app.closeAll();
      await database.close();
      for (let i = 0; i < 3; i++) client.text.insert(client.text.length, `lost ${i} `);
      await eventually(() => expect(collab.stats().pendingUpdates + lines.filter((l) => l.msg.startsWith("collab: storing updates failed")).length).toBeGreaterThan(0));
      await collab.close();
      const logged = lines.find((l) => l.msg === "collab: updates not stored at shutdown");
      expect(logged?.fields?.updates).toBeGreaterThanOrEqual(1);
    } finally {
      client.destroy();
      http.close();
    }
  });
});
