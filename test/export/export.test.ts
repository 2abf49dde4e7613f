/**
 * Export round trip on the demo trust: the Oakfield Single Plan as Word (opened by LibreOffice)
 * and as tagged PDF (read by poppler), the governor pack, and who may download either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorFor } from "../../shared/comments/anchors.js";
import { RAG_LABELS, type Rag } from "../../shared/enums.js";
import { DEMO_PASSWORD } from "../../server/seed/demoTrust.js";
import { demoSeedOptions } from "../../server/seed/options.js";
import { seedDemoTrust } from "../../server/seed/seedDemo.js";
import { setBlockAttrs } from "../progress/seedPlans.js";
import { apiAs, signIn, startTestServer } from "../support.js";
import { libreOfficeText, pdfFontList, pdfInfo, pdfStructure, pdfText, squash } from "./tools.js";

interface ActionRow {
  id: string;
  text: string;
  rag: Rag;
  document: { id: string };
}

describe("exporting plans", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let head: ReturnType<typeof apiAs>;
  let governor: ReturnType<typeof apiAs>;
  let otherHead: ReturnType<typeof apiAs>;
  let ceo: ReturnType<typeof apiAs>;
  let plan: { id: string; schoolId: string; title: string };
  let actions: ActionRow[];

  const download = async (call: ReturnType<typeof apiAs>, path: string) => {
    const res = await call("GET", path);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemoTrust(server.database.db, demoSeedOptions());
    const as = async (email: string) => apiAs(server.url, await signIn(server.url, email, DEMO_PASSWORD));
    head = await as("head.oakfield@trellis.test");
    governor = await as("governor.oakfield@trellis.test");
    otherHead = await as("head.riverside@trellis.test");
    ceo = await as("ceo@trellis.test");
    const { documents } = await (await head("GET", "/api/documents")).json();
    plan = documents.find((d: { kind: string }) => d.kind === "single_plan");
    const page = await (await head("GET", `/api/actions?schoolId=${plan.schoolId}&limit=200`)).json();
    actions = (page.actions as ActionRow[]).filter((a) => a.document.id === plan.id);
    expect(actions.length).toBeGreaterThanOrEqual(6);
    // Seeding the demo trust is slow on a loaded machine; the exports themselves are timed in bench/export.
  }, 600_000);
  afterAll(() => server.closeAll());

  it("exports the demo Single Plan as Word that LibreOffice opens, holding every action's text and RAG word", async () => {
    const { res, bytes } = await download(head, `/api/documents/${plan.id}/export?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="oakfield-primary-single-plan-autumn-2026-27.docx"');
    const lines = (await libreOfficeText(bytes)).split(/\r?\n/).map((l) => l.trim());
    expect(lines).toContain(plan.title);
    expect(lines).toContain("Priority: Raise attainment in writing by the end of Key Stage 2");
    for (const action of actions) {
      const at = lines.indexOf(action.text);
      expect(at, action.text).toBeGreaterThan(0);
      // Columns: Action, Owners, Start, Due, Status, RAG: the RAG word sits in the row's sixth cell.
      expect(lines[at + 5], action.text).toBe(RAG_LABELS[action.rag]);
    }
    // Owners by name and UK dates, never ids or ISO dates.
    expect(lines).toContain("Sarah Whitfield");
    expect(lines.some((l) => /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/.test(l))).toBe(true);
    expect(lines.join("\n")).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  }, 120_000);

  it("exports it as a tagged en-GB PDF whose text holds the same actions and RAG words, with a header line and page numbers", async () => {
    const { res, bytes } = await download(governor, `/api/documents/${plan.id}/export?format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="oakfield-primary-single-plan-autumn-2026-27.pdf"');
    const info = await pdfInfo(bytes);
    expect(info.Tagged).toBe("yes");
    expect(info.Title).toBe(plan.title);
    // Every font is embedded (PDF/UA asks it, and a reader without Helvetica shows the same page).
    const fonts = await pdfFontList(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    const structure = await pdfStructure(bytes);
    for (const tag of ["Document", "H1", "H2", "Table", "TR", "TH", "TD", "P"]) expect(structure, tag).toContain(tag);
    expect(bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/\/Lang \(en-GB\)/);
    const text = squash(await pdfText(bytes));
    // The demo's plan was approved in October and reopened for the peer review's actions: a draft that names its last approval.
    expect(text).toMatch(new RegExp(`${plan.title} · Draft · Approved \\d+ Oct 2026 by Margaret Ellis \\(Local Governing Board\\)`));
    expect(text).toMatch(/Page 1 of \d+/);
    for (const action of actions) {
      const at = text.indexOf(squash(action.text));
      expect(at, action.text).toBeGreaterThanOrEqual(0);
      const row = text.slice(at + action.text.length, at + action.text.length + 160);
      expect(row, action.text).toContain(RAG_LABELS[action.rag]);
    }
  }, 60_000);

  it("exports SEF judgements with their framework's grade label, and peer-review findings with their kind", async () => {
    const { documents } = await (await head("GET", "/api/documents")).json();
    const sef = documents.find((d: { kind: string }) => d.kind === "sef");
    const review = documents.find((d: { kind: string }) => d.kind === "peer_review");
    const sefText = squash(await pdfText((await download(head, `/api/documents/${sef.id}/export?format=pdf`)).bytes));
    // Oakfield's demo SEF grades inclusion "strong standard" on the 2025 report card, and safeguarding "met".
    expect(sefText).toContain("Area Grade Evidence");
    expect(sefText).toMatch(/Inclusion Strong standard \(Ofsted report card \(from November 2025\)\)/);
    expect(sefText).toMatch(/Safeguarding Met \(Ofsted report card/);
    expect(sefText).not.toMatch(/strong_standard|expected_standard/);
    const reviewText = squash(await pdfText((await download(head, `/api/documents/${review.id}/export?format=pdf`)).bytes));
    expect(reviewText).toContain("Kind Area Finding");
    expect(reviewText).toMatch(/Strength [A-Z]/);
    expect(reviewText).toMatch(/Area for development [A-Z]/);
  }, 60_000);

  it("lets any reader of the document export, and answers everyone else as if it did not exist", async () => {
    expect((await download(otherHead, `/api/documents/${plan.id}/export?format=pdf`)).res.status).toBe(404);
    expect((await download(ceo, `/api/documents/${plan.id}/export?format=docx`)).res.status).toBe(200);
    expect((await download(apiAs(server.url), `/api/documents/${plan.id}/export?format=pdf`)).res.status).toBe(401);
    const bad = await head("GET", `/api/documents/${plan.id}/export?format=rtf`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_request");
    expect((await head("GET", `/api/documents/${crypto.randomUUID()}/export?format=pdf`)).status).toBe(404);
    expect((await head("GET", "/api/documents/not-a-uuid/export?format=pdf")).status).toBe(404);
  });

  it("lets only readers of the school download its governor pack", async () => {
    expect((await download(otherHead, `/api/schools/${plan.schoolId}/pack?format=pdf`)).res.status).toBe(404);
    expect((await download(governor, `/api/schools/${plan.schoolId}/pack?format=docx`)).res.status).toBe(200);
    expect((await download(apiAs(server.url), `/api/schools/${plan.schoolId}/pack?format=pdf`)).res.status).toBe(401);
    expect((await head("GET", `/api/schools/${plan.schoolId}/pack?format=pdf&term=winter`)).status).toBe(400);
    expect((await head("GET", `/api/schools/${crypto.randomUUID()}/pack?format=pdf`)).status).toBe(404);
  });

  it("builds a governor pack with a cover, the academy card, the plan, its changes since approval and its open threads", async () => {
    // Approve the plan, reopen it, then change one action and open a comment thread.
    expect((await head("POST", `/api/documents/${plan.id}/status`, { status: "in_review" })).status).toBe(200);
    const approve = await ceo("POST", `/api/documents/${plan.id}/status`, { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-20" });
    expect(approve.status, await approve.clone().text()).toBe(200);
    const approved = await download(governor, `/api/documents/${plan.id}/export?format=pdf`);
    expect(squash(await pdfText(approved.bytes))).toContain("· Approved · Approved 20 Nov 2026 by");
    expect((await head("POST", `/api/documents/${plan.id}/status`, { status: "draft" })).status).toBe(200);
    const changed = actions.find((a) => a.rag !== "red")!;
    await setBlockAttrs(server, plan.id, changed.id, { rag: "red" }, null);
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, await server.collab.documentState(plan.id));
    const firstText = ydoc.getXmlFragment("default").toArray().flatMap((n) => (n instanceof Y.XmlElement ? n.toArray() : [])).find((n): n is Y.XmlText => n instanceof Y.XmlText)!;
    const posted = await governor("POST", `/api/documents/${plan.id}/comments`, { body: "Can we see the breakfast club numbers at the next meeting?", anchor: anchorFor(firstText, 0, 8), quote: firstText.toString().slice(0, 8) });
    expect(posted.status, await posted.clone().text()).toBe(201);

    const { res, bytes } = await download(governor, `/api/schools/${plan.schoolId}/pack?format=pdf&term=autumn`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="oakfield-primary-governor-pack-autumn-2026-27.pdf"');
    expect((await pdfInfo(bytes)).Tagged).toBe("yes");
    const text = squash(await pdfText(bytes));
    const order = [
      "Governor pack: Oakfield Primary",
      "Contents",
      "Academy card",
      "Red Amber Green Complete Not rated Total Overdue",
      "Targets with baseline",
      plan.title,
      `Changes since approval: ${plan.title}`,
      `Open comment threads: ${plan.title}`,
      "Can we see the breakfast club numbers at the next meeting?",
    ].map((s) => squash(s));
    let from = 0;
    for (const part of order.filter((p) => p !== "Targets with baseline")) {
      const at = text.indexOf(part, from);
      expect(at, part).toBeGreaterThanOrEqual(0);
      from = at;
    }
    expect(text).toContain(`RAG from ${RAG_LABELS[changed.rag]} to Red`);
    expect(text).toContain("Baseline Current Goal");

    const word = await download(governor, `/api/schools/${plan.schoolId}/pack?format=docx&term=autumn`);
    const docxText = squash(await libreOfficeText(word.bytes));
    for (const part of order.filter((p) => p !== "Targets with baseline" && !p.startsWith("Red Amber"))) expect(docxText, part).toContain(part);
    expect(docxText).toContain(`RAG from ${RAG_LABELS[changed.rag]} to Red`);
  }, 180_000);
});
