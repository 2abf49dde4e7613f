/**
 * API calls started at start-up for the page being opened, before React has rendered it, and
 * handed to that page when it asks: the page's data is then on its way while the app's code runs,
 * instead of after it. Each is taken once; a later visit fetches afresh.
 */
const early = new Map<string, Promise<unknown>>();

/** Starts `load` now under `key`; an error waits for whoever takes it. */
export function fetchEarly<T>(key: string, load: () => Promise<T>): void {
  const promise = load();
  promise.catch(() => {});
  early.set(key, promise);
}

/** The early call for `key`, if one was started and not yet taken. */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  const promise = early.get(key) as Promise<T> | undefined;
  early.delete(key);
  return promise;
}
