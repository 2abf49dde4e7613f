/**
 * Printing shows the reading view: a form control on paper cuts its value off, so the blocks
 * switch to labelled text before the print dialog lays the page out, and back afterwards.
 */
import { useEffect, useState } from "react";
import { flushSync } from "react-dom";

/** True while the page is being printed. */
export function usePrintAsReading(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    // flushSync: the print layout is taken right after beforeprint returns, before React would render.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return printing;
}
