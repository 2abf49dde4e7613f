/**
 * POST /api/documents/import over real HTTP, with real .docx files built the way schools write
 * them, converted in the real worker thread, written through the collab server and extracted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult } from "../../shared/importPreview.js";
import type { ActionPage } from "../../server/progress/apiTypes.js";
import { runConversion } from "../../server/import/runConversion.js";
import { saveHalfTerms } from "../../server/calendar/calendarStore.js";
import { ENGLAND_2026_27 } from "../../shared/calendar/index.js";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { eventually, signIn, startTestServer } from "../support.js";
import { FILLS, heading, packDocx, para, schoolPlanDocx, table } from "./schoolPlanDocx.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("importing a Word plan", () => {
  let server: Server;
  let schoolId: string;
  let otherSchoolId: string;
  let lead: Awaited<ReturnType<typeof buildUser>>;
  let plan: Buffer;
  const cookie: Record<string, string> = {};

  const fields = (over: Record<string, string> = {}) => ({ schoolId, kind: "adp", title: "ADP 2026/27 (from Word)", academicYear: "2026/27", ...over });
  const upload = (who: string, file: Blob | null, options: { preview?: boolean; fields?: Record<string, string>; name?: string } = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(options.fields ?? fields())) form.set(k, v);
    if (file) form.set("file", file, options.name ?? "plan.docx");
    return fetch(`${server.url}/api/documents/import${options.preview ? "?preview=1" : ""}`, { method: "POST", headers: { cookie: cookie[who] ?? "" }, body: form });
  };
  const docx = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)], { type: DOCX_TYPE });
  const documentCount = async () => {
    const res = await fetch(`${server.url}/api/documents?schoolId=${schoolId}`, { headers: { cookie: cookie.lead! } });
    return ((await res.json()) as { documents: unknown[] }).documents.length;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db, { name: "Oakfield Primary" })).id;
    otherSchoolId = (await buildSchool(db, { name: "Riverside Academy" })).id;
    lead = await buildUser(db, { role: "school_leader", schoolId, name: "Jo Patel" });
    const people = {
      lead,
      governor: await buildUser(db, { role: "governor", schoolId }),
      otherLeader: await buildUser(db, { role: "school_leader", schoolId: otherSchoolId }),
      trustLead: await buildUser(db, { role: "trust_lead", name: "Chris Okonjo" }),
      deputy: await buildUser(db, { role: "school_leader", schoolId, name: "Sam Reed" }),
    };
    for (const [name, user] of Object.entries(people)) cookie[name] = await signIn(server.url, user.email, TEST_PASSWORD);
    plan = await schoolPlanDocx({ name: "Jo Patel", initials: "JP" });
  });
  afterAll(() => server.closeAll());

  it("previews the plan's prose, priorities and actions with their owners, dates and shaded RAG, changing nothing", async () => {
    const before = await documentCount();
    const res = await upload("lead", docx(plan), { preview: true });
    expect(res.status).toBe(200);
    const { blocks, warnings, people } = (await res.json()) as ImportResult;
    expect(blocks.map((b) => [b.type, b.text])).toEqual([
      ["heading", "Oakfield Primary School Improvement Plan 2026/27"],
      ["paragraph", "This plan sets out our priorities for the year, agreed with governors in September."],
      ["priority", "Improve early reading"],
      ["paragraph", "Too few pupils in Year 1 meet the expected standard in phonics."],
      ["bulletList", "Daily phonics in Reception and Year 1\nReading fluency sessions in Year 2"],
      ["action", "Train all staff in the new phonics scheme"],
      ["action", "Weekly phonics assessments for the lowest 20%"],
      ["action", "Reading ambassadors in every class (Lead: Mrs Okafor)"],
      ["priority", "Attendance"],
      ["action", "First-day calling for every absence"],
      ["action", "Attendance clinics for families"],
      ["action", "Termly awards assembly"],
    ]);
    const action = (i: number) => blocks[i]!.attrs;
    expect(blocks[0]!.attrs).toEqual({ level: 1 });
    // Shading only, no words: green, amber, red, blue; the Lead cell merged down gives row 3 its lead.
    expect(action(5)).toMatchObject({ owners: [lead.id], due: "2026-12-18", rag: "green", successCriteria: "All staff observed teaching phonics with fidelity" });
    expect(action(6)).toMatchObject({ owners: [lead.id], due: "2026-12-18", rag: "amber" });
    expect(action(7)).toMatchObject({ owners: [], due: "2027-03-25", rag: "red" });
    // Initials "JP" match Jo Patel; a blue cell means complete.
    expect(action(9)).toMatchObject({ owners: [lead.id], due: "2026-12-18", rag: "blue", status: "complete" });
    expect(action(10)).toMatchObject({ owners: [lead.id], due: "2027-07-22", rag: "none" });
    expect(action(11)).toMatchObject({ rag: "amber", due: null });
    expect(people).toEqual({ [lead.id]: "Jo Patel" });

    expect(warnings).toEqual([
      { block: 7, row: "Table 1, row 4", message: expect.stringMatching(/^Table 1, row 4 \("Reading ambassadors in every class"\): the lead "Mrs Okafor" is not one of the school's people/) },
      { block: 10, row: "Table 1, row 7", message: expect.stringMatching(/row 7 .*the RAG shading 7030A0 is not red, amber, green or blue/) },
      { block: 11, row: "Table 1, row 8", message: expect.stringMatching(/row 8 .*the deadline "ongoing" is not a date or a term/) },
      { block: null, row: null, message: expect.stringMatching(/stayed as text in their actions: Mrs Okafor$/) },
    ]);
    expect(await documentCount()).toBe(before);
  });

  it("creates the document exactly as previewed, and its actions appear in /api/actions", async () => {
    const preview = (await (await upload("lead", docx(plan), { preview: true })).json()) as ImportResult;
    const res = await upload("lead", docx(plan));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; title: string; warnings: ImportResult["warnings"] };
    expect(created).toMatchObject({ title: "ADP 2026/27 (from Word)", warnings: preview.warnings });

    await eventually(async () => {
      const page = (await (await fetch(`${server.url}/api/actions?schoolId=${schoolId}`, { headers: { cookie: cookie.lead! } })).json()) as ActionPage;
      const mine = page.actions.filter((a) => a.document.id === created.id).sort((x, y) => preview.blocks.findIndex((b) => b.text === x.text) - preview.blocks.findIndex((b) => b.text === y.text));
      expect(mine.map((a) => [a.text, a.rag, a.due, a.owners.map((o) => o.name), a.priority?.title])).toEqual([
        ["Train all staff in the new phonics scheme", "green", "2026-12-18", ["Jo Patel"], "Improve early reading"],
        ["Weekly phonics assessments for the lowest 20%", "amber", "2026-12-18", ["Jo Patel"], "Improve early reading"],
        ["Reading ambassadors in every class (Lead: Mrs Okafor)", "red", "2027-03-25", [], "Improve early reading"],
        ["First-day calling for every absence", "blue", "2026-12-18", ["Jo Patel"], "Attendance"],
        ["Attendance clinics for families", "none", "2027-07-22", ["Jo Patel"], "Attendance"],
        ["Termly awards assembly", "amber", null, ["Jo Patel"], "Attendance"],
      ]);
    }, { timeout: 10_000 });

    // The Y.Doc holds the prose too, as the editor's nodes, and no template was added on top.
    const state = await server.collab.documentState(created.id);
    const Y = await import("yjs");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const names = doc.getXmlFragment("default").toArray().map((n) => (n as InstanceType<typeof Y.XmlElement>).nodeName);
    expect(names).toEqual(preview.blocks.map((b) => b.type));
  });

  it("tells each owner it matched of their actions, as assigning them in the editor does, but not the person importing", async () => {
    const ownershipOf = async (who: string) => {
      const res = await fetch(`${server.url}/api/notifications`, { headers: { cookie: cookie[who]! } });
      const { notifications } = (await res.json()) as { notifications: { kind: string; title: string; link: string | null }[] };
      return notifications.filter((n) => n.kind === "ownership");
    };
    const res = await upload("deputy", docx(plan));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    // Jo Patel leads five of the six actions (the sixth names Mrs Okafor, who is nobody here).
    const notices = await eventually(async () => {
      const got = (await ownershipOf("lead")).filter((n) => n.link?.startsWith(`/documents/${id}#block-`));
      expect(got).toHaveLength(5);
      return got;
    }, { timeout: 15_000 });
    expect(notices.map((n) => n.title).sort()).toEqual(
      ["Train all staff in the new phonics scheme", "Weekly phonics assessments for the lowest 20%", "First-day calling for every absence", "Attendance clinics for families", "Termly awards assembly"]
        .map((text) => `You are now an owner of the action “${text}”`)
        .sort(),
    );
    // Each links to its own block, which the created plan holds.
    const blockIds = new Set(notices.map((n) => n.link!.slice(n.link!.indexOf("#block-") + 7)));
    expect(blockIds.size).toBe(5);
    const state = await server.collab.documentState(id);
    const Y = await import("yjs");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const ids = doc.getXmlFragment("default").toArray().map((n) => (n as InstanceType<typeof Y.XmlElement>).getAttribute("id"));
    for (const blockId of blockIds) expect(ids).toContain(blockId);
    // The importer hears nothing of their own import; nor did Jo Patel of the plans she imported herself.
    expect(await ownershipOf("deputy")).toEqual([]);
    expect((await ownershipOf("lead")).filter((n) => !n.link?.startsWith(`/documents/${id}#`))).toEqual([]);
  });

  it("carries bold, italic and underline into the editor's marks, across the lines of a paragraph", async () => {
    const { Paragraph, TextRun } = await import("docx");
    const bytes = await packDocx([
      heading("Priority 1: Reading"),
      new Paragraph({
        children: [
          new TextRun("Our  "),
          new TextRun({ text: "first aim", bold: true }),
          new TextRun(" is "),
          new TextRun({ text: "fluent", italics: true }),
          new TextRun({ text: " reading", italics: true, underline: {} }),
          new TextRun({ text: "for all.", break: 1 }),
          new TextRun({ text: " Staff", bold: true }),
          new TextRun(" lead it."),
        ],
      }),
    ]);
    const preview = (await (await upload("lead", docx(bytes), { preview: true })).json()) as ImportResult;
    expect(preview.blocks.slice(1)).toEqual([
      { type: "paragraph", text: "Our first aim is fluent reading", attrs: {}, marks: [
        { from: 4, to: 13, mark: "bold" }, { from: 17, to: 31, mark: "italic" }, { from: 23, to: 31, mark: "underline" },
      ] },
      { type: "paragraph", text: "for all. Staff lead it.", attrs: {}, marks: [{ from: 8, to: 14, mark: "bold" }] },
    ]);

    const res = await upload("lead", docx(bytes));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const Y = await import("yjs");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.collab.documentState(id));
    const texts = doc.getXmlFragment("default").toArray().slice(1).map((p) => ((p as InstanceType<typeof Y.XmlElement>).get(0) as InstanceType<typeof Y.XmlText>).toDelta());
    // As y-prosemirror stores Tiptap's marks: the mark's name, with its (empty) attributes.
    expect(texts).toEqual([
      [
        { insert: "Our " },
        { insert: "first aim", attributes: { bold: {} } },
        { insert: " is " },
        { insert: "fluent", attributes: { italic: {} } },
        { insert: " reading", attributes: { italic: {}, underline: {} } },
      ],
      [{ insert: "for all." }, { insert: " Staff", attributes: { bold: {} } }, { insert: " lead it." }],
    ]);
  });

  it("carries bold, italic and underline in headings, list items, a table's full-width rows and a table of notes", async () => {
    const { HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import("docx");
    const runs = (...parts: (string | { text: string; bold?: boolean; italics?: boolean; underline?: object })[]) =>
      parts.map((p) => new TextRun(typeof p === "string" ? p : p));
    const cellOf = (...parts: Parameters<typeof runs>) => new TableCell({ children: [new Paragraph({ children: runs(...parts) })] });
    const bytes = await packDocx([
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs("Our ", { text: "reading", bold: true }, " journey") }),
      new Paragraph({ bullet: { level: 0 }, children: runs({ text: "Phonics", italics: true }, " every day") }),
      new Paragraph({ bullet: { level: 0 }, children: runs("Books ", { text: "at home", underline: {} }) }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ children: [cellOf("Area"), cellOf("Notes")] }),
          new TableRow({ children: [cellOf({ text: "Reading", bold: true }), cellOf("Strong ", { text: "phonics", italics: true }, " teaching")] }),
        ],
      }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ children: [cellOf("Action"), cellOf("Lead"), cellOf("RAG")] }),
          new TableRow({ children: [new TableCell({ columnSpan: 3, children: [new Paragraph({ children: runs("Key Stage ", { text: "2", bold: true, underline: {} }) })] })] }),
          new TableRow({ children: [cellOf("Daily reading"), cellOf("Jo Patel"), cellOf("Green")] }),
        ],
      }),
    ]);
    const preview = (await (await upload("lead", docx(bytes), { preview: true })).json()) as ImportResult;
    expect(preview.blocks.map(({ type, text, marks }) => ({ type, text, marks }))).toEqual([
      { type: "heading", text: "Our reading journey", marks: [{ from: 4, to: 11, mark: "bold" }] },
      // A list's marks count through its items joined by line breaks.
      { type: "bulletList", text: "Phonics every day\nBooks at home", marks: [{ from: 0, to: 7, mark: "italic" }, { from: 24, to: 31, mark: "underline" }] },
      { type: "paragraph", text: "Area | Notes", marks: undefined },
      { type: "paragraph", text: "Reading | Strong phonics teaching", marks: [{ from: 0, to: 7, mark: "bold" }, { from: 17, to: 24, mark: "italic" }] },
      { type: "heading", text: "Key Stage 2", marks: [{ from: 10, to: 11, mark: "bold" }, { from: 10, to: 11, mark: "underline" }] },
      { type: "action", text: "Daily reading", marks: undefined },
    ]);

    const res = await upload("lead", docx(bytes));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const Y = await import("yjs");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.collab.documentState(id));
    const nodes = doc.getXmlFragment("default").toArray() as InstanceType<typeof Y.XmlElement>[];
    const delta = (el: InstanceType<typeof Y.XmlElement>) => (el.get(0) as InstanceType<typeof Y.XmlText>).toDelta();
    expect(delta(nodes[0]!)).toEqual([{ insert: "Our " }, { insert: "reading", attributes: { bold: {} } }, { insert: " journey" }]);
    // bulletList > listItem > paragraph > text, as Tiptap's lists are stored.
    const items = nodes[1]!.toArray().map((li) => delta((li as InstanceType<typeof Y.XmlElement>).get(0) as InstanceType<typeof Y.XmlElement>));
    expect(items).toEqual([
      [{ insert: "Phonics", attributes: { italic: {} } }, { insert: " every day" }],
      [{ insert: "Books " }, { insert: "at home", attributes: { underline: {} } }],
    ]);
    expect(delta(nodes[3]!)).toEqual([{ insert: "Reading", attributes: { bold: {} } }, { insert: " | Strong " }, { insert: "phonics", attributes: { italic: {} } }, { insert: " teaching" }]);
    expect(delta(nodes[4]!)).toEqual([{ insert: "Key Stage " }, { insert: "2", attributes: { bold: {}, underline: {} } }]);
  });

  it("reads a table of targets, merged cells across columns, and term names against the academic year", async () => {
    const bytes = await packDocx([
      heading("Priority 1: Outcomes at Key Stage 2"),
      para("We will close the gap in writing."),
      table([
        ["Objective", "Baseline", "Target", "By when", "Who", "Progress"],
        ["KS2 writing at expected standard", "58%", "70%", "Summer 2027", "Chris Okonjo", { fill: FILLS.paleRed }],
        ["Greater depth writing", { text: "12% rising to 20%", span: 2 }, "Spring 1", "CO", "Green"],
        ["Boys' writing", "45%", "60%", "next year sometime", "Deputy head", "Purple"],
      ]),
    ]);
    const res = await upload("lead", docx(bytes), { preview: true, fields: fields({ academicYear: "2026/27" }) });
    expect(res.status).toBe(200);
    const { blocks, warnings } = (await res.json()) as ImportResult;
    expect(blocks.map((b) => b.type)).toEqual(["priority", "paragraph", "target", "target", "target"]);
    const trustLeadId = Object.keys((await (await upload("lead", docx(bytes), { preview: true })).json() as ImportResult).people)[0];
    expect(blocks[2]).toMatchObject({ text: "KS2 writing at expected standard", attrs: { baseline: "58%", goal: "70%", due: "2027-07-22", rag: "red", owners: [trustLeadId] } });
    expect(blocks[3]).toMatchObject({ text: "Greater depth writing", attrs: { baseline: "12% rising to 20%", goal: "", due: "2027-02-12", rag: "green", owners: [trustLeadId] } });
    expect(blocks[4]).toMatchObject({ text: "Boys' writing (Lead: Deputy head)", attrs: { rag: "none", due: null } });
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^Table 1, row 3 \("Greater depth writing"\): the cell spans the baseline and target columns, so it was read as the baseline only$/),
      expect.stringMatching(/^Table 1, row 4 .*the lead "Deputy head" is not one of the school's people/),
      expect.stringMatching(/^Table 1, row 4 .*the deadline "next year sometime" is not a date or a term/),
      expect.stringMatching(/^Table 1, row 4 .*the RAG "Purple" is not red, amber, green or blue/),
      expect.stringMatching(/Deputy head$/),
    ]);
  });

  it("resolves term names against the school's own calendar where the trust has one", async () => {
    const own = ENGLAND_2026_27.map((h) => (h.halfTerm === "summer-2" ? { ...h, endsOn: "2027-07-16" } : h));
    await saveHalfTerms(server.database.db, "2026/27", otherSchoolId, own, lead.id);
    const res = await upload("trustLead", docx(plan), { preview: true, fields: fields({ schoolId: otherSchoolId }) });
    const { blocks } = (await res.json()) as ImportResult;
    expect(blocks.find((b) => b.text.startsWith("Attendance clinics for families"))!.attrs.due).toBe("2027-07-16");
    expect(blocks.find((b) => b.text.startsWith("Weekly phonics assessments"))!.attrs.due).toBe("2026-12-18");
  });

  it("refuses governors and other schools' leaders, and answers 404 for a school that does not exist", async () => {
    expect((await upload("governor", docx(plan), { preview: true })).status).toBe(403);
    expect((await upload("otherLeader", docx(plan), { preview: true })).status).toBe(403);
    expect((await upload("otherLeader", docx(plan))).status).toBe(403);
    const missing = await upload("lead", docx(plan), { preview: true, fields: fields({ schoolId: crypto.randomUUID() }) });
    expect(missing.status).toBe(404);
    expect((await upload("nobody", docx(plan), { preview: true })).status).toBe(401);
    // A trust lead may create documents in any school.
    expect((await upload("trustLead", docx(plan), { preview: true })).status).toBe(200);
  });

  it("refuses files that are not .docx, encrypted, empty or over 20 MB with a clear 4xx", async () => {
    const refuse = async (file: Blob | null, status: number, code: string, match: RegExp, extra: Parameters<typeof upload>[2] = {}) => {
      const res = await upload("lead", file, { preview: true, ...extra });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(match);
    };
    await refuse(new Blob(["Action,Lead\nRead more,JP\n"], { type: "text/csv" }), 415, "not_docx", /not a Word document/);
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await refuse(docx(ole), 415, "not_docx", /older Word \(\.doc\)/);
    ole.set(new Uint8Array(Buffer.from("EncryptedPackage", "utf16le")), 1024);
    await refuse(docx(ole), 422, "encrypted", /protected with a password/);
    const zip = await (await import("jszip")).default.loadAsync(plan);
    zip.remove("word/document.xml");
    await refuse(docx(await zip.generateAsync({ type: "uint8array" })), 415, "not_docx", /no word\/document\.xml/);
    await refuse(null, 400, "invalid_request", /choose a Word/);
    await refuse(docx(new Uint8Array(20 * 1024 * 1024 + 200 * 1024)), 413, "payload_too_large", /larger than 20 MB/);
    await refuse(docx(new Uint8Array(30 * 1024 * 1024)), 413, "payload_too_large", /too large|larger than 20 MB/);
    await refuse(docx(plan), 400, "invalid_request", /academicYear/, { fields: fields({ academicYear: "2026" }) });
    const json = await fetch(`${server.url}/api/documents/import?preview=1`, { method: "POST", headers: { cookie: cookie.lead!, "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
  });

  it("stops a conversion that runs past its time limit", async () => {
    await expect(runConversion({ bytes: plan, academicYear: "2026/27", people: [] }, { timeoutMs: 1 })).rejects.toMatchObject({ code: "unreadable", message: expect.stringMatching(/took too long/) });
  });
});
