/** usePolling: calls `refresh` every `intervalMs` and whenever the window regains focus, so dashboards stay current without a reload. */
import { useEffect, useRef } from "react";

export function usePolling(refresh: () => void, intervalMs: number) {
  const ref = useRef(refresh);
  ref.current = refresh;
  useEffect(() => {
    const tick = () => ref.current();
    const timer = window.setInterval(() => {
      // A hidden tab need not poll; focus catches it up.
      if (document.visibilityState !== "hidden") tick();
    }, intervalMs);
    window.addEventListener("focus", tick);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", tick);
    };
  }, [intervalMs]);
}
