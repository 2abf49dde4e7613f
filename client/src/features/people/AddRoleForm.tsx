/** "Add role": give someone who already has an account another role, without a new invitation. */
import { useId, useState, type FormEvent } from "react";
import { isTrustRole, ROLE_LABELS, ROLES, type Role } from "../../../../shared/enumValues.js";
import { messageOf } from "../../api/client.js";
import type { Person, School } from "../../api/types.js";
import { addMembership } from "./peopleApi.js";
import { FormFooter } from "../../components/FormFooter.js";

export function AddRoleForm({
  person,
  schools,
  onAdded,
  onCancel,
}: {
  person: Person;
  schools: School[];
  onAdded: (message: string) => void;
  onCancel: () => void;
}) {
  const [role, setRole] = useState<Role>("governor");
  const [schoolId, setSchoolId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { role: useId(), school: useId() };
  const needsSchool = !isTrustRole(role);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (needsSchool && !schoolId) {
      setError("Choose the school for this role.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addMembership({ userId: person.id, role, schoolId: needsSchool ? schoolId : null });
      const school = schools.find((s) => s.id === schoolId);
      onAdded(`${person.name} is now ${ROLE_LABELS[role]}${needsSchool && school ? `, ${school.name}` : " for the trust"}.`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form className="form add-role" onSubmit={handleSubmit} aria-label={`Add a role for ${person.name}`} noValidate>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} autoFocus value={role} onChange={(e) => setRole(e.target.value as Role)}>
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
            <select id={ids.school} value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
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
      <FormFooter error={error} busy={busy} submitLabel="Add role" busyLabel="Adding…" onCancel={onCancel} small />
    </form>
  );
}
