/** Busy and error states for a form that sends to the server: a refusal's message is shown, and the form can be sent again. */
import { useCallback, useState } from "react";
import { messageOf } from "../api/client.js";

export function useFormSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (send: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await send();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
