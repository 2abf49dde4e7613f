/**
 * Creates a document from an imported Word plan: the row, then its content written into the
 * Y.Doc through the collab server in one change, as templates are, so the extractor picks up the
 * blocks at once. The content is written before the template hook runs, which then leaves it be.
 */
import { eq } from "drizzle-orm";
import type { ImportBlock } from "../../shared/importPreview.js";
import { writePlanNodes, type BlockSpec, type PlanNode } from "../../shared/templates/planNodes.js";
import { isBlockType } from "../../shared/blocks/schema.js";
import { documents } from "../db/schema/index.js";
import type { AppDeps } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import type { Actor } from "../policies/index.js";
import { createDocument, type CreateDocumentInput } from "./documentCreator.js";

/** Nodes written per change of the Y.Doc. */
const WRITE_SLICE = 40;

/** The preview's blocks as the plan nodes the template writer takes. */
export function planNodesOf(blocks: readonly ImportBlock[]): PlanNode[] {
  return blocks.map((b): PlanNode => {
    if (b.type === "heading") return { type: "heading", level: (b.attrs.level as 1 | 2 | 3) ?? 2, text: b.text };
    if (b.type === "bulletList" || b.type === "orderedList") return { type: b.type, items: (b.attrs.items as string[]) ?? [] };
    if (isBlockType(b.type)) return { type: b.type, text: b.text, attrs: b.attrs } as BlockSpec;
    return { type: "paragraph", text: b.text };
  });
}

/** Creates the document with the imported blocks; removes the row again if the content cannot be written. */
export async function importDocument(deps: AppDeps, input: CreateDocumentInput, blocks: readonly ImportBlock[], actor: Actor) {
  const { db, hooks } = deps;
  if (!hooks.changeDocument) throw new HttpError(503, "unavailable", "Documents cannot be written right now; try again shortly");
  const doc = await createDocument(db, input, actor.id);
  const nodes = planNodesOf(blocks);
  try {
    // In slices, each its own change: a 40-page plan written in one transaction holds the event loop
    // for longer than the budget allows, and nobody can open the document before this returns anyway.
    for (let i = 0; i < nodes.length; i += WRITE_SLICE) {
      const slice = nodes.slice(i, i + WRITE_SLICE);
      await hooks.changeDocument(doc.id, (ydoc) => writePlanNodes(ydoc.getXmlFragment("default"), slice), actor.id);
    }
  } catch (err) {
    // Best effort: a half-written import should not linger as an empty document.
    await db.delete(documents).where(eq(documents.id, doc.id)).catch(() => undefined);
    throw err;
  }
  await hooks.onDocumentCreated?.(doc, actor);
  return doc;
}
