/** Invite someone: email, name, role, and the school for school roles. The link appears to copy and pass on. */
import { useId, useState, type FormEvent } from "react";
import { isTrustRole, ROLE_LABELS, ROLES, type Role } from "../../../../shared/enumValues.js";
import { messageOf } from "../../api/client.js";
import type { School } from "../../api/types.js";
import { InviteLink } from "./InviteLink.js";
import { invitePerson } from "./peopleApi.js";
import { FormFooter } from "../../components/FormFooter.js";

export function InviteForm({ schools, onInvited }: { schools: School[]; onInvited: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("school_leader");
  const [schoolId, setSchoolId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ link: string; name: string } | null>(null);
  const ids = { email: useId(), name: useId(), role: useId(), school: useId() };
  const needsSchool = !isTrustRole(role);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (needsSchool && !schoolId) {
      setError(`Choose the school where they will be ${ROLE_LABELS[role].toLowerCase()}.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await invitePerson({ email: email.trim(), name: name.trim(), role, schoolId: needsSchool ? schoolId : null });
      setSent({ link: result.link, name: name.trim() });
      setEmail("");
      setName("");
      onInvited();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="form" onSubmit={handleSubmit} aria-label="Invite someone">
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} type="text" required maxLength={200} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.email}>Email</label>
            <input id={ids.email} type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.role}>Role</label>
            <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                  {isTrustRole(r) ? " (whole trust)" : ""}
                </option>
              ))}
            </select>
          </div>
          {needsSchool ? (
            <div className="field">
              <label htmlFor={ids.school}>School</label>
              <select id={ids.school} required value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
                <option value="">Choose a school</option>
                {schools.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <FormFooter error={error} busy={busy} submitLabel="Create invitation" busyLabel="Creating the invitation…" />
      </form>
      <div aria-live="polite">{sent ? <InviteLink link={sent.link} name={sent.name} /> : null}</div>
    </>
  );
}
