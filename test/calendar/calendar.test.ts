/** The trust's calendar: a school's own dates win, today's half term is right at its edges, only a trust admin edits. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGLAND_2026_27, mergeCalendar, positionOn, schoolDaysBetween } from "../../shared/calendar/index.js";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe("calendar dates", () => {
  const calendar = mergeCalendar("2026/27", ENGLAND_2026_27);

  it("knows today's half term on its first and last days, and the holiday between", () => {
    expect(positionOn(calendar, "2026-11-02").current?.halfTerm).toBe("autumn-2");
    expect(positionOn(calendar, "2026-10-23").current?.halfTerm).toBe("autumn-1");
    const holiday = positionOn(calendar, "2026-10-24");
    expect(holiday.current).toBeNull();
    expect(holiday.latest?.halfTerm).toBe("autumn-1");
    expect(holiday.next?.halfTerm).toBe("autumn-2");
    expect(positionOn(calendar, "2026-11-01").current).toBeNull();
    expect(positionOn(calendar, "2026-09-02")).toMatchObject({ current: null, latest: null, next: { halfTerm: "autumn-1" } });
    expect(positionOn(calendar, "2027-07-20").current?.halfTerm).toBe("summer-2");
    expect(positionOn(calendar, "2027-07-21").current).toBeNull();
  });

  it("derives terms from their half terms", () => {
    expect(calendar.terms.map((t) => [t.term, t.startsOn, t.endsOn])).toEqual([
      ["autumn", "2026-09-03", "2026-12-18"],
      ["spring", "2027-01-04", "2027-03-25"],
      ["summer", "2027-04-12", "2027-07-20"],
    ]);
  });

  it("counts school days: weekdays in term, not half-term holidays", () => {
    // Fri 23 Oct to Mon 2 Nov 2026: the half-term week is a holiday, so Monday is the one school day.
    expect(schoolDaysBetween([calendar], "2026-10-23", "2026-11-02")).toBe(1);
    // Mon 2 Nov to Mon 9 Nov: five school days.
    expect(schoolDaysBetween([calendar], "2026-11-02", "2026-11-09")).toBe(5);
  });
});

describe("GET and PUT /api/calendar", () => {
  let server: Server;
  let admin: ReturnType<typeof apiAs>;
  let governor: ReturnType<typeof apiAs>;
  let otherLeader: ReturnType<typeof apiAs>;
  let schoolId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db)).id;
    const other = await buildSchool(db);
    const people = {
      admin: await buildUser(db, { role: "trust_admin" }),
      governor: await buildUser(db, { role: "governor", schoolId }),
      otherLeader: await buildUser(db, { role: "school_leader", schoolId: other.id }),
    };
    admin = apiAs(server.url, await signIn(server.url, people.admin.email, TEST_PASSWORD));
    governor = apiAs(server.url, await signIn(server.url, people.governor.email, TEST_PASSWORD));
    otherLeader = apiAs(server.url, await signIn(server.url, people.otherLeader.email, TEST_PASSWORD));
    const res = await admin("PUT", "/api/calendar", { academicYear: "2026/27", halfTerms: ENGLAND_2026_27 });
    expect(res.status).toBe(200);
  });
  afterAll(() => server.closeAll());

  it("returns the trust's terms and half terms, and where today falls", async () => {
    const res = await governor("GET", "/api/calendar?year=2026/27");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { halfTerms: { halfTerm: string; label: string }[]; terms: unknown[]; today: string };
    expect(body.halfTerms.map((h) => h.label)).toEqual(["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]);
    expect(body.terms).toHaveLength(3);
    expect(body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("lets a school's own dates win over the trust's, for that school only", async () => {
    const put = await admin("PUT", "/api/calendar", { academicYear: "2026/27", schoolId, halfTerms: [{ halfTerm: "autumn-2", startsOn: "2026-11-03", endsOn: "2026-12-17" }] });
    expect(put.status).toBe(200);
    const own = (await (await governor("GET", `/api/calendar?year=2026/27&schoolId=${schoolId}`)).json()) as { halfTerms: { halfTerm: string; startsOn: string; endsOn: string; overridden: boolean }[] };
    expect(own.halfTerms.find((h) => h.halfTerm === "autumn-2")).toMatchObject({ startsOn: "2026-11-03", endsOn: "2026-12-17", overridden: true });
    expect(own.halfTerms.find((h) => h.halfTerm === "autumn-1")).toMatchObject({ startsOn: "2026-09-03", overridden: false });
    const trust = (await (await governor("GET", "/api/calendar?year=2026/27")).json()) as { halfTerms: { halfTerm: string; startsOn: string }[] };
    expect(trust.halfTerms.find((h) => h.halfTerm === "autumn-2")?.startsOn).toBe("2026-11-02");
    // Handing the half term back to the trust's dates.
    await admin("PUT", "/api/calendar", { academicYear: "2026/27", schoolId, halfTerms: [{ halfTerm: "autumn-1", startsOn: "2026-09-03", endsOn: "2026-10-23" }], clear: ["autumn-1", "autumn-2"] });
    const back = (await (await governor("GET", `/api/calendar?year=2026/27&schoolId=${schoolId}`)).json()) as { halfTerms: { halfTerm: string; startsOn: string; overridden: boolean }[] };
    expect(back.halfTerms.find((h) => h.halfTerm === "autumn-2")).toMatchObject({ startsOn: "2026-11-02", overridden: false });
  });

  it("refuses edits from anyone but a trust admin, and another school's calendar to outsiders", async () => {
    expect((await governor("PUT", "/api/calendar", { academicYear: "2026/27", halfTerms: ENGLAND_2026_27 })).status).toBe(403);
    expect((await otherLeader("GET", `/api/calendar?schoolId=${schoolId}`)).status).toBe(403);
  });

  it("answers bad dates with a clear 400", async () => {
    const overlapping = await admin("PUT", "/api/calendar", { academicYear: "2026/27", halfTerms: [{ halfTerm: "autumn-2", startsOn: "2026-10-20", endsOn: "2026-12-18" }] });
    expect(overlapping.status).toBe(400);
    expect(((await overlapping.json()) as { error: { message: string } }).error.message).toMatch(/Autumn 2 must start after Autumn 1 ends/);
    expect((await admin("PUT", "/api/calendar", { academicYear: "2026/27", halfTerms: [{ halfTerm: "autumn-9", startsOn: "2026-10-20", endsOn: "2026-12-18" }] })).status).toBe(400);
    expect((await admin("PUT", "/api/calendar", { academicYear: "2026/27", halfTerms: [{ halfTerm: "autumn-1", startsOn: "2026-02-30", endsOn: "2026-12-18" }] })).status).toBe(400);
    expect((await governor("GET", "/api/calendar?year=2026-27")).status).toBe(400);
  });
});
