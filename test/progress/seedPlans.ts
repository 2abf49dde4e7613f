/** Writing plan blocks into documents through the real collab server, and waiting for their extraction. */
import { expect } from "vitest";
import * as Y from "yjs";
import type { BlockSpec, PlanNode } from "../../shared/templates/planNodes.js";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { eventually } from "../support.js";
import type { startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A block with a fixed id, so tests can name it. */
export const block = <T extends BlockSpec["type"]>(type: T, id: string, text: string, attrs: Extract<BlockSpec, { type: T }>["attrs"] = {}): BlockSpec =>
  ({ type, id, text, attrs }) as BlockSpec;

/** Appends nodes to a document as `userId`, through the room server, as a server-side change. */
export function appendNodes(server: Server, documentId: string, nodes: PlanNode[], userId: string | null): Promise<void> {
  return server.collab.changeDocument(documentId, (doc) => writePlanNodes(doc.getXmlFragment("default"), nodes), userId);
}

/** Sets attributes on the block with this id, as `userId`. */
export function setBlockAttrs(server: Server, documentId: string, id: string, attrs: Record<string, unknown>, userId: string | null): Promise<void> {
  return server.collab.changeDocument(
    documentId,
    (doc) => {
      const element = doc
        .getXmlFragment("default")
        .toArray()
        .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute("id") === id);
      if (!element) throw new Error(`no block ${id}`);
      for (const [k, v] of Object.entries(attrs)) element.setAttribute(k, v as string);
    },
    userId,
  );
}

/** Waits until the document's extracted blocks satisfy `check` (read through the API as `cookie`). */
export async function waitForBlocks(
  server: Server,
  cookie: string,
  documentId: string,
  check: (blocks: { id: string; attrs: Record<string, unknown>; text: string }[]) => void,
): Promise<void> {
  await eventually(async () => {
    const res = await fetch(`${server.url}/api/documents/${documentId}/blocks`, { headers: { cookie } });
    expect(res.status).toBe(200);
    check(((await res.json()) as { blocks: { id: string; attrs: Record<string, unknown>; text: string }[] }).blocks);
  }, { timeout: 10_000 });
}
