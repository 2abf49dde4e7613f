import { getSchema } from "@tiptap/core";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { planExtensions } from "../../shared/blocks/nodes.js";
import { isBlockId, isBlockType, parseBlockAttrs } from "../../shared/blocks/schema.js";
import { gradesFor } from "../../shared/frameworks/index.js";
import { writeDemoContent } from "../../server/seed/demoContent.js";
import { DEMO_ACADEMIC_YEAR, DEMO_DOCUMENTS, DEMO_PEOPLE, DEMO_SCHOOLS } from "../../server/seed/demoTrust.js";

const schema = getSchema(planExtensions());

const cases = DEMO_DOCUMENTS.map((d) => {
  const school = DEMO_SCHOOLS.find((s) => s.slug === d.school)!;
  const people = DEMO_PEOPLE.filter((p) => p.school === d.school).map((p, i) => ({
    id: `0000000${i}-0000-4000-8000-000000000000`, name: p.name, role: p.role,
  }));
  return { title: d.title, ctx: { kind: d.kind, framework: d.framework, schoolName: school.name, phase: school.phase, people, academicYear: DEMO_ACADEMIC_YEAR } };
});

function written(ctx: (typeof cases)[number]["ctx"]) {
  const doc = new Y.Doc();
  writeDemoContent(doc, ctx);
  const blocks = doc.getXmlFragment("default").toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && isBlockType(n.nodeName));
  return { doc, blocks };
}

describe.each(cases)("demo content: $title", ({ ctx }) => {
  it("is valid in the editor, every block filled in and free of warnings", () => {
    const { doc, blocks } = written(ctx);
    const count = doc.getXmlFragment("default").length;
    yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment("default"), schema).check();
    expect(doc.getXmlFragment("default").length).toBe(count);
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks) {
      expect(b.toArray().map((t) => t.toString()).join("").length).toBeGreaterThan(10);
      expect(parseBlockAttrs(b.nodeName as never, b.getAttributes()).warnings).toEqual([]);
      expect(isBlockId(b.getAttribute("id"))).toBe(true);
    }
  });

  it("is the same on every reseed, ids included", () => {
    const a = written(ctx).doc.getXmlFragment("default").toJSON();
    expect(written(ctx).doc.getXmlFragment("default").toJSON()).toBe(a);
  });

  it("gives owners from the school's people and dates inside the academic year", () => {
    const ids = new Set(ctx.people.map((p) => p.id));
    for (const b of written(ctx).blocks) {
      const attrs = b.getAttributes() as { owners?: string[]; due?: string; start?: string };
      for (const owner of attrs.owners ?? []) expect(ids.has(owner)).toBe(true);
      for (const date of [attrs.due, attrs.start].filter(Boolean)) expect(date! >= "2026-09-01" && date! <= "2027-08-31").toBe(true);
    }
  });
});

describe("demo content across the trust", () => {
  it("carries a believable RAG mix: mostly on track, some at risk, some late, some complete", () => {
    const rags: Record<string, number> = {};
    for (const { ctx } of cases) {
      for (const b of written(ctx).blocks.filter((b) => b.nodeName === "action")) {
        const rag = b.getAttribute("rag") as string;
        rags[rag] = (rags[rag] ?? 0) + 1;
      }
    }
    expect(rags.green).toBeGreaterThan(rags.amber!);
    expect(rags.amber).toBeGreaterThan(rags.red!);
    expect(rags.red).toBeGreaterThan(0);
    expect(rags.blue).toBeGreaterThan(0);
  });

  it("grades each SEF on its own framework's scale, with safeguarding judged apart", () => {
    for (const { ctx } of cases.filter((c) => c.ctx.kind === "sef")) {
      const judgements = written(ctx).blocks.filter((b) => b.nodeName === "judgement");
      for (const j of judgements) {
        expect(j.getAttribute("framework")).toBe(ctx.framework);
        const grades = gradesFor(ctx.framework, j.getAttribute("area") as string).map((g) => g.key);
        expect(grades).toContain(j.getAttribute("grade"));
      }
      expect(judgements.at(-1)!.getAttribute("area")).toBe("safeguarding");
    }
  });
});
