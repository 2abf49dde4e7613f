/** useResource: load something from the API with loading, error and retry states, and cancel on unmount. */
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import type { Settled } from "./earlyFetch.js";

/** The three states every page shows: loading, failed (with a retry), or the data. */
export type Resource<T> =
  | { status: "loading"; data: undefined; error: undefined; reload: () => void }
  | { status: "error"; data: undefined; error: unknown; reload: () => void }
  | { status: "ready"; data: T; error: undefined; reload: () => void };

/**
 * Runs `load` now and whenever `deps` change. `reload()` fetches again but keeps showing the
 * current data meanwhile, so a refresh after a save does not flash a spinner. `initial` may give
 * the first inputs' answer at once (one the page's HTML carried), which is drawn in the first
 * render and not loaded again.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], initial?: () => Settled<T> | undefined): Resource<T> {
  const depsKey = JSON.stringify(deps);
  // `key`: the inputs the data was loaded for, so data for other inputs is never shown for these.
  const [state, setState] = useState<{ status: "loading" | "error" | "ready"; data?: T; error?: unknown; key?: string }>(() => {
    const answer = initial?.();
    if (!answer) return { status: "loading" };
    return answer.ok ? { status: "ready", data: answer.data, key: depsKey } : { status: "error", error: answer.error, key: depsKey };
  });
  const answeredFirst = useRef(state.status !== "loading");
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const lastKey = useRef(depsKey);
  const current = state.status === "loading" || state.key === depsKey ? state : { status: "loading" as const };
  const showing = useRef(current.status);
  showing.current = current.status;

  useEffect(() => {
    if (answeredFirst.current) {
      answeredFirst.current = false;
      return;
    }
    const controller = new AbortController();
    // New inputs show a loading state; a reload of the same inputs keeps the old data on screen.
    if (lastKey.current !== depsKey) {
      lastKey.current = depsKey;
      setState({ status: "loading" });
    }
    // The first answer for these inputs is applied as a transition, so React renders what it draws
    // in slices that yield to the browser instead of one long task (a trust dashboard held a phone's
    // main thread for over a second). A reload, with data already on screen, applies at once.
    const apply = (next: typeof state) => {
      if (controller.signal.aborted) return;
      if (showing.current === "loading") startTransition(() => setState(next));
      else setState(next);
    };
    loadRef.current(controller.signal).then(
      (data) => apply({ status: "ready", data, key: depsKey }),
      (error: unknown) => apply({ status: "error", error, key: depsKey }),
    );
    return () => controller.abort();
  }, [depsKey, generation]);

  const reload = useCallback(() => {
    // Retrying after a failure shows the spinner again, so the press visibly did something.
    setState((s) => (s.status === "error" ? { status: "loading" } : s));
    setGeneration((g) => g + 1);
  }, []);
  const { key: _key, ...shown } = current as typeof state;
  return { ...shown, reload } as Resource<T>;
}
