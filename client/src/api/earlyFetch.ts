/**
 * API calls the page starts with, handed to the page when it asks: either answered already in the
 * page's HTML (server/http/clientPage.ts writes the session and a document's details and text
 * there), or started at start-up, before React has rendered, so the data is on its way while the
 * app's code runs instead of after it. Each is taken once; a later visit fetches afresh.
 */
import { BOOT_DATA_ID, type BootAnswer } from "../../../shared/pageRoutes.js";
import { errorOfBody } from "./client.js";

const early = new Map<string, Promise<unknown>>();

/** The answers written into the HTML, read once at start-up. */
function readBootData(): Record<string, BootAnswer> {
  const script = typeof document === "undefined" ? null : document.getElementById(BOOT_DATA_ID);
  if (!script?.textContent) return {};
  script.remove();
  try {
    return JSON.parse(script.textContent) as Record<string, BootAnswer>;
  } catch {
    return {};
  }
}

for (const [key, answer] of Object.entries(readBootData())) {
  const settled = answer.status >= 200 && answer.status < 300 ? Promise.resolve(answer.body) : Promise.reject<never>(errorOfBody(answer.status, answer.body));
  settled.catch(() => {});
  early.set(key, settled);
}

/** Starts `load` now under `key`, unless the HTML already answered it; an error waits for whoever takes it. */
export function fetchEarly<T>(key: string, load: () => Promise<T>): void {
  if (early.has(key)) return;
  const promise = load();
  promise.catch(() => {});
  early.set(key, promise);
}

/** The early call for `key`, if one was started (or answered) and not yet taken. */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  const promise = early.get(key) as Promise<T> | undefined;
  early.delete(key);
  return promise;
}
