/**
 * useProgressEvents: calls `refresh` soon after the server says extracted blocks changed in a
 * school the person can read (GET /api/progress/events), and after a reconnect, when events may
 * have been missed. A burst of edits (a head changing five RAGs) costs one reload, not five.
 */
import { useEffect, useRef } from "react";

const SETTLE_MS = 250;

export function useProgressEvents(refresh: () => void, schoolId?: string) {
  const ref = useRef(refresh);
  ref.current = refresh;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/progress/events");
    let timer = 0;
    let connectedBefore = false;
    const soon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => ref.current(), SETTLE_MS);
    };
    source.addEventListener("ready", () => {
      if (connectedBefore) soon();
      connectedBefore = true;
    });
    source.addEventListener("progress", (e) => {
      if (!schoolId) return soon();
      const event = JSON.parse((e as MessageEvent<string>).data) as { schoolId?: string };
      if (event.schoolId === schoolId) soon();
    });
    // The server ended the stream (signed out, access removed): stop reconnecting.
    source.addEventListener("end", () => source.close());
    return () => {
      window.clearTimeout(timer);
      source.close();
    };
  }, [schoolId]);
}
