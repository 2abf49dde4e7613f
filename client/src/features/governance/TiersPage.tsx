/** `/tiers`: the trust's tier scheme and the support each tier brings; trust admins change the cadence here. */
import { useId, useState } from "react";
import { messageOf } from "../../api/client.js";
import type { Tier } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { Breadcrumb } from "../../components/Breadcrumb.js";
import { FormFooter } from "../../components/FormFooter.js";
import { ResourceView } from "../../components/ResourceView.js";
import { StatusMessage } from "../../components/StatusMessage.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { useMe } from "../../session/SessionContext.js";
import { ceoOneToOneWords, healthCheckWords } from "../schools/cadence.js";
import { listTiers } from "../schools/schoolsApi.js";
import { updateTier } from "./supportApi.js";
import "./governance.css";

function TierForm({ tier, onSaved }: { tier: Tier; onSaved(tier: Tier): void }) {
  const id = useId();
  const [name, setName] = useState(tier.name);
  const [description, setDescription] = useState(tier.description);
  const [weeks, setWeeks] = useState(String(tier.ceoOneToOneWeeks));
  const [checks, setChecks] = useState(String(tier.healthChecksPerYear));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function save() {
    const w = Number(weeks);
    const c = Number(checks);
    if (!name.trim()) return setError("Give the tier a name.");
    if (!Number.isInteger(w) || w < 1 || w > 52) return setError("CEO 1:1s: a whole number of weeks from 1 to 52.");
    if (!Number.isInteger(c) || c < 1 || c > 12) return setError("Health checks: from 1 to 12 a year.");
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const saved = await updateTier(tier.level, { name: name.trim(), description: description.trim(), ceoOneToOneWeeks: w, healthChecksPerYear: c });
      setMessage(`Tier ${saved.level} saved.`);
      onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card form gv-tier-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${id}-title`}>Tier {tier.level}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-weeks`}>CEO 1:1 every (weeks)</label>
          <input id={`${id}-weeks`} type="number" min={1} max={52} value={weeks} onChange={(e) => setWeeks(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-checks`}>Health checks a year</label>
          <input id={`${id}-checks`} type="number" min={1} max={12} value={checks} onChange={(e) => setChecks(e.target.value)} aria-describedby={`${id}-checks-hint`} />
          <p id={`${id}-checks-hint`} className="hint">
            1 yearly, 2 twice a year, 3 every term
          </p>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <input id={`${id}-description`} type="text" value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <FormFooter error={error} busy={busy} submitLabel={`Save tier ${tier.level}`} busyLabel="Saving…">
        <StatusMessage message={message} />
      </FormFooter>
    </form>
  );
}

/** The tier scheme page: forms for trust admins, a table for everyone else. */
export function TiersPage() {
  const me = useMe();
  const tiers = useResource((signal) => listTiers(signal), []);
  usePageTitle("Tier scheme");
  const canEdit = !!me.abilities.editTierScheme;

  return (
    <div className="page">
      <Breadcrumb current="Tier scheme" />
      <header className="page-header">
        <h1>Tier scheme</h1>
        <p className="lead">
          The support each tier brings. The school pages work out from this when each school's next CEO 1:1 and health check are due.
        </p>
      </header>
      <ResourceView resource={tiers} loadingLabel="Loading the tiers" errorTitle="The tier scheme could not be loaded">
        {(list) =>
          canEdit ? (
            <>
              {list.map((t) => (
                <TierForm key={t.level} tier={t} onSaved={tiers.reload} />
              ))}
            </>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Tier</th>
                    <th scope="col">CEO 1:1</th>
                    <th scope="col">Health check</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((t) => (
                    <tr key={t.level}>
                      <th scope="row">
                        Tier {t.level} · {t.name}
                        <span className="cell-secondary">{t.description}</span>
                      </th>
                      <td>{ceoOneToOneWords(t)}</td>
                      <td>{healthCheckWords(t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </div>
  );
}
