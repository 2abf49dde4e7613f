/** Who is in the document now, from the awareness states the server stamps with each session's user. */
import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";

export interface PresentPerson {
  id: string;
  name: string;
  color: string | null;
  isSelf: boolean;
}

function readPresence(provider: WebsocketProvider, self: { id: string; name: string }): PresentPerson[] {
  const people = new Map<string, PresentPerson>();
  people.set(self.id, { id: self.id, name: self.name, color: null, isSelf: true });
  for (const [clientId, state] of provider.awareness.getStates()) {
    if (clientId === provider.awareness.clientID) continue;
    const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.id !== "string" || typeof user.name !== "string") continue;
    // The same person in two tabs is one person in the list.
    if (people.has(user.id)) continue;
    people.set(user.id, { id: user.id, name: user.name, color: typeof user.color === "string" ? user.color : null, isSelf: false });
  }
  return [...people.values()];
}

/** The people in the document, yourself first; updates as they come and go. */
export function usePresence(provider: WebsocketProvider, self: { id: string; name: string }): PresentPerson[] {
  const [people, setPeople] = useState(() => readPresence(provider, self));
  useEffect(() => {
    const onChange = () => setPeople(readPresence(provider, self));
    onChange();
    provider.awareness.on("change", onChange);
    return () => provider.awareness.off("change", onChange);
  }, [provider, self]);
  return people;
}
