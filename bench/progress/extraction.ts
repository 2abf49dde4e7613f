/**
 * Extraction cost on a 1,000-block document (issue 5 budgets: one changed block <= 2 ms of CPU,
 * a full extraction <= 50 ms). Edits arrive as Yjs updates with a connection's origin, as the room
 * server applies them; rows go to an in-memory PGlite.
 */
import * as Y from "yjs";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { createLogger } from "../../server/logger.js";
import { DocumentExtractor } from "../../server/progress/DocumentExtractor.js";
import { SchoolPeople } from "../../server/progress/schoolPeople.js";
import { benchDatabase } from "./databases.js";
import { elementById, planNodes, seedDocument, seedSchool } from "./fixtures.js";
import { percentile, QUICK, report } from "./stats.js";

const BLOCKS = 1000;
const logger = createLogger("error");
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export async function extractionBench(): Promise<void> {
  console.log(`\nExtraction, ${BLOCKS}-block document (PGlite in memory)`);
  const database = await benchDatabase("pglite");
  try {
    const db = database.db;
    const { schoolId, staff } = await seedSchool(db);
    const documentId = await seedDocument(db, schoolId);
    const server = new Y.Doc();
    const { nodes, actionIds } = planNodes(BLOCKS, staff.map((s) => s.id));
    writePlanNodes(server.getXmlFragment("default"), nodes);
    const people = new SchoolPeople(db, schoolId);
    const extractor = () => new DocumentExtractor({ documentId, schoolId, doc: server, db, logger, people, delayMs: 1_000_000 });

    // First extraction: every block is new, so 1,000 rows are written.
    let started = performance.now();
    const first = await extractor().flush();
    const firstMs = performance.now() - started;

    // Full extraction of a document whose rows are already right (a room load): fresh extractor, cold caches.
    const fullCompute: number[] = [];
    const fullTotal: number[] = [];
    let fullWritten = 0;
    for (let i = 0; i < (QUICK ? 5 : 30); i++) {
      started = performance.now();
      const stats = await extractor().flush();
      fullTotal.push(performance.now() - started);
      fullCompute.push(stats.computeMs);
      fullWritten += stats.written + stats.deleted + stats.history;
    }

    // One changed block: a client changes an action's RAG; the update reaches the room's doc with its origin.
    const live = extractor();
    live.start();
    await live.flush();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const origin = { userId: staff[0]!.id, source: "connection" as const };
    const compute: number[] = [];
    const flushCpu: number[] = [];
    const flushWall: number[] = [];
    const applyMs: number[] = [];
    let written = 0;
    let history = 0;
    const rounds = QUICK ? 50 : 300;
    const rags = ["red", "amber", "green"];
    for (let i = 0; i < rounds; i++) {
      const before = Y.encodeStateVector(server);
      elementById(client, actionIds[(i * 37) % actionIds.length]!).setAttribute("rag", rags[i % 3]!);
      const update = Y.encodeStateAsUpdate(client, before);
      let t = performance.now();
      Y.applyUpdate(server, update, origin);
      applyMs.push(performance.now() - t);
      const cpu = process.cpuUsage();
      t = performance.now();
      const stats = await live.flush();
      flushWall.push(performance.now() - t);
      flushCpu.push(cpuMs(process.cpuUsage(cpu)));
      compute.push(stats.computeMs);
      written += stats.written;
      history += stats.history;
    }
    await live.close();

    report("one block changed: extraction (read, rebuild, diff), p50", percentile(compute, 50), "ms");
    report("one block changed: extraction (read, rebuild, diff), p95", percentile(compute, 95), "ms", 2);
    report("one block changed: rows written per change", written / rounds, "rows", 1);
    report("one block changed: history rows per change", history / rounds, "rows");
    report("one block changed: Y.applyUpdate with the observer (socket path), p95", percentile(applyMs, 95), "ms");
    report("one block changed: whole flush CPU incl. PGlite write, p50", percentile(flushCpu, 50), "ms");
    report("one block changed: whole flush wall time incl. PGlite write, p95", percentile(flushWall, 95), "ms");
    report("full extraction of 1,000 blocks (read, group, diff), p50", percentile(fullCompute, 50), "ms");
    report("full extraction of 1,000 blocks (read, group, diff), p95", percentile(fullCompute, 95), "ms", 50);
    report("full extraction incl. loading stored rows, nothing to write, p50", percentile(fullTotal, 50), "ms");
    report("rows written by those re-extractions (must be 0)", fullWritten, "rows");
    report(`first extraction writing ${first.written} rows + ${first.history} history rows`, firstMs, "ms");
  } finally {
    await database.dispose();
  }
}
