/** useResource: load something from the API with loading, error and retry states, and cancel on unmount. */
import { startTransition, useCallback, useEffect, useRef, useState } from "react";

/** The three states every page shows: loading, failed (with a retry), or the data. */
export type Resource<T> =
  | { status: "loading"; data: undefined; error: undefined; reload: () => void }
  | { status: "error"; data: undefined; error: unknown; reload: () => void }
  | { status: "ready"; data: T; error: undefined; reload: () => void };

/**
 * Runs `load` now and whenever `deps` change. `reload()` fetches again but keeps showing the
 * current data meanwhile, so a refresh after a save does not flash a spinner.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  // `key`: the inputs the data was loaded for, so data for other inputs is never shown for these.
  const [state, setState] = useState<{ status: "loading" | "error" | "ready"; data?: T; error?: unknown; key?: string }>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsKey = JSON.stringify(deps);
  const lastKey = useRef(depsKey);
  const current = state.status === "loading" || state.key === depsKey ? state : { status: "loading" as const };
  const showing = useRef(current.status);
  showing.current = current.status;

  useEffect(() => {
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
