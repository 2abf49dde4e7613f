/** usePageTitle: names the browser tab after the page, so tabs and history read well. */
import { useEffect } from "react";

export function usePageTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Trellis` : "Trellis";
  }, [title]);
}
