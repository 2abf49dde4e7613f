/**
 * API calls the page starts with, handed to the page when it asks: either answered already in the
 * page's HTML (server/http/clientPage.ts writes the session and a document's details and text
 * there), or started at start-up, before React has rendered, so the data is on its way while the
 * app's code runs instead of after it. Each is taken once; a later visit fetches afresh.
 */
import { BOOT_DATA_ID, type BootAnswer } from "../../../shared/pageRoutes.js";
import { errorOfBody } from "./client.js";

/** An answer already here: the data, or the error the API call would have thrown. */
export type Settled<T> = { ok: true; data: T } | { ok: false; error: unknown };

/** The answers written into the HTML, read once at start-up. */
function readBootData(): Map<string, Settled<unknown>> {
  const answers = new Map<string, Settled<unknown>>();
  const script = typeof document === "undefined" ? null : document.getElementById(BOOT_DATA_ID);
  if (!script?.textContent) return answers;
  script.remove();
  try {
    for (const [key, answer] of Object.entries(JSON.parse(script.textContent) as Record<string, BootAnswer>)) {
      answers.set(key, answer.status >= 200 && answer.status < 300 ? { ok: true, data: answer.body } : { ok: false, error: errorOfBody(answer.status, answer.body) });
    }
  } catch {
    // Unreadable data is as if none were sent: the page asks the API.
  }
  return answers;
}

const answered = readBootData();
const early = new Map<string, Promise<unknown>>();

/** Starts `load` now under `key`, unless the HTML already answered it; an error waits for whoever takes it. */
export function fetchEarly<T>(key: string, load: () => Promise<T>): void {
  if (answered.has(key) || early.has(key)) return;
  const promise = load();
  promise.catch(() => {});
  early.set(key, promise);
}

/** `key`'s answer if the HTML held it, taken now, so a page can draw it in its first render. */
export function takeAnswered<T>(key: string): Settled<T> | undefined {
  const answer = answered.get(key) as Settled<T> | undefined;
  answered.delete(key);
  return answer;
}

/** The early call for `key`, if one was started (or answered) and not yet taken. */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  const answer = takeAnswered<T>(key);
  if (answer) return answer.ok ? Promise.resolve(answer.data) : Promise.reject(answer.error);
  const promise = early.get(key) as Promise<T> | undefined;
  early.delete(key);
  return promise;
}
