/** `/settings/notifications`: per kind of notification, in the app only, email at once, a daily digest, or off. */
import { useEffect, useId, useState } from "react";
import { messageOf } from "../api/client.js";
import { useResource } from "../api/useResource.js";
import { ErrorNotice } from "../components/ErrorNotice.js";
import { Loading } from "../components/Loading.js";
import { StatusMessage } from "../components/StatusMessage.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { getPreferences, savePreferences } from "../features/governance/notificationsApi.js";
import {
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from "../../../shared/notifications.js";

export function NotificationSettingsPage() {
  usePageTitle("Notification settings");
  const id = useId();
  const settings = useResource((signal) => getPreferences(signal), []);
  const [choices, setChoices] = useState<Record<NotificationKind, NotificationChannel> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (settings.status === "ready") setChoices(settings.data.preferences);
  }, [settings.status, settings.data]);

  async function save() {
    if (!choices) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setChoices((await savePreferences(choices)).preferences);
      setMessage("Saved.");
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>Notification settings</h1>
      {settings.status === "loading" ? <Loading label="Loading your settings" /> : null}
      {settings.status === "error" ? <ErrorNotice error={settings.error} title="Your settings could not be loaded" onRetry={settings.reload} /> : null}
      {settings.status === "ready" && choices ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p className="lead">
            Everything shows under the bell. Choose what also reaches you by email, at {settings.data.email}: at once, or gathered in one email each morning.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                {NOTIFICATION_CHANNELS.map((ch) => (
                  <th scope="col" key={ch}>
                    {NOTIFICATION_CHANNEL_LABELS[ch]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {NOTIFICATION_KINDS.map((kind) => (
                <tr key={kind} data-kind={kind}>
                  <th scope="row" id={`${id}-${kind}`}>
                    {NOTIFICATION_KIND_LABELS[kind].label}
                  </th>
                  {NOTIFICATION_CHANNELS.map((ch) => (
                    <td key={ch}>
                      <input
                        type="radio"
                        name={`${id}-${kind}`}
                        value={ch}
                        checked={choices[kind] === ch}
                        aria-label={`${NOTIFICATION_KIND_LABELS[kind].label}: ${NOTIFICATION_CHANNEL_LABELS[ch]}`}
                        onChange={() => setChoices({ ...choices, [kind]: ch })}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? "Saving…" : "Save settings"}
            </button>
          </div>
          <StatusMessage message={message} />
        </form>
      ) : null}
    </section>
  );
}
