/**
 * `/calendar`: the trust's terms and half terms for a year, a school's own dates where it sets
 * them, and the early-warning thresholds. Everyone may look; a trust admin saves.
 */
import { useEffect, useState } from "react";
import { api, messageOf } from "../../api/client.js";
import { useResource } from "../../api/useResource.js";
import { ResourceView } from "../../components/ResourceView.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { academicYearOfDay, HALF_TERMS, halfTermLabel, ukDay, type AcademicCalendar, type CalendarPosition } from "../../../../shared/calendar/index.js";
import type { School } from "../../api/types.js";
import { useMe } from "../../session/SessionContext.js";

type CalendarResponse = AcademicCalendar & CalendarPosition & { today: string };
type Row = { halfTerm: string; startsOn: string; endsOn: string; overridden?: boolean };

function CalendarForm({ data, year, schoolId, onSaved }: { data: CalendarResponse; year: string; schoolId: string; onSaved: () => void }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setRows(HALF_TERMS.map((h) => data.halfTerms.find((x) => x.halfTerm === h) ?? { halfTerm: h, startsOn: "", endsOn: "" }));
  }, [data]);
  const set = (i: number, field: "startsOn" | "endsOn", value: string) => setRows((r) => r.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const halfTerms = rows.filter((r) => r.startsOn && r.endsOn).map(({ halfTerm, startsOn, endsOn }) => ({ halfTerm, startsOn, endsOn }));
      await api.put("/calendar", { academicYear: year, schoolId: schoolId || null, halfTerms });
      setStatus("Saved.");
      onSaved();
    } catch (err) {
      setStatus(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={save}>
      <p>
        Today is {ukDay(data.today)}:{" "}
        {data.current ? <strong>{data.current.label}</strong> : data.next ? `a holiday; ${data.next.label} starts ${ukDay(data.next.startsOn)}` : "outside this year's terms"}.
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Half term</th>
              <th scope="col">First day</th>
              <th scope="col">Last day</th>
              {schoolId ? <th scope="col">Dates</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.halfTerm}>
                <th scope="row">{halfTermLabel(r.halfTerm)}</th>
                <td><input type="date" aria-label={`${halfTermLabel(r.halfTerm)} first day`} value={r.startsOn} onChange={(e) => set(i, "startsOn", e.target.value)} /></td>
                <td><input type="date" aria-label={`${halfTermLabel(r.halfTerm)} last day`} value={r.endsOn} onChange={(e) => set(i, "endsOn", e.target.value)} /></td>
                {schoolId ? <td>{r.overridden ? "The school's own" : "The trust's"}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" className="button" disabled={busy}>{busy ? "Saving…" : schoolId ? "Save the school's dates" : "Save the trust's dates"}</button>
      {status ? <p role="status">{status}</p> : null}
    </form>
  );
}

interface Thresholds { fields: { key: string; label: string; value: number }[] }

function ThresholdsForm() {
  const loaded = useResource((signal) => api.get<Thresholds>("/flags/thresholds", { signal }), []);
  const [values, setValues] = useState<Record<string, number>>({});
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.status === "ready") setValues(Object.fromEntries(loaded.data.fields.map((f) => [f.key, f.value])));
  }, [loaded.status, loaded.data]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.put("/flags/thresholds", values);
      setStatus("Saved: the watch list uses these from now on.");
    } catch (err) {
      setStatus(messageOf(err));
    }
  };
  return (
    <ResourceView resource={loaded} loadingLabel="Loading the thresholds" errorTitle="The thresholds could not be loaded">
      {(data) => (
        <form onSubmit={save}>
          {data.fields.map((f) => (
            <label key={f.key} className="field">
              {f.label}
              <input type="number" min={1} value={values[f.key] ?? f.value} onChange={(e) => setValues((v) => ({ ...v, [f.key]: Number(e.target.value) }))} />
            </label>
          ))}
          <button type="submit" className="button">Save the thresholds</button>
          {status ? <p role="status">{status}</p> : null}
        </form>
      )}
    </ResourceView>
  );
}

/** The page. */
export function CalendarPage() {
  usePageTitle("Calendar");
  const me = useMe();
  const [year, setYear] = useState(academicYearOfDay(new Date().toISOString().slice(0, 10)));
  const [schoolId, setSchoolId] = useState("");
  const schools = useResource((signal) => api.get<{ schools: School[] }>("/schools", { signal }), []);
  const calendar = useResource((signal) => api.get<CalendarResponse>("/calendar", { signal, query: { year, schoolId: schoolId || undefined } }), [year, schoolId]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Calendar and early warning</h1>
        <p className="lead">The trust's terms and half terms, which review points and school days follow; a school may set its own dates.</p>
      </header>
      <section className="card section" aria-labelledby="cal-heading">
        <h2 id="cal-heading">Terms and half terms</h2>
        <label>
          Academic year <input value={year} onChange={(e) => setYear(e.target.value)} pattern="\d{4}/\d{2}" />
        </label>{" "}
        <label>
          Dates for{" "}
          <select value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
            <option value="">The whole trust</option>
            {schools.status === "ready" ? schools.data.schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>) : null}
          </select>
        </label>
        <ResourceView resource={calendar} loadingLabel="Loading the calendar" errorTitle="The calendar could not be loaded">
          {(data) => <CalendarForm data={data} year={year} schoolId={schoolId} onSaved={calendar.reload} />}
        </ResourceView>
      </section>
      {/* The thresholds drive the trust's watch list: only people who see it load them, so nobody else's visit is audited as a refusal. */}
      {me.abilities.viewTrust ? (
        <section className="card section" aria-labelledby="thr-heading">
          <h2 id="thr-heading">Early-warning thresholds</h2>
          <ThresholdsForm />
        </section>
      ) : null}
    </div>
  );
}
