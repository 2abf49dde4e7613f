/**
 * "Add an owner" as a WAI-ARIA combobox with a list box popup (the editable combobox with list
 * autocomplete pattern): typing filters the school's people, the arrow keys move the active
 * option (aria-activedescendant, focus stays in the input), Enter adds the active person, Escape
 * closes the list. A native select added a person on every arrow key in some browsers.
 */
import { useId, useRef, useState } from "react";
import type { Person } from "../PlanContext.js";

/** People whose name or role contains every word of the query, case-insensitively, in their order. */
export function matchPeople(people: readonly Person[], query: string): Person[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...people];
  return people.filter((p) => {
    const hay = `${p.name} ${p.roleLabel ?? ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function OwnerPicker({ id, people, onPick }: { id: string; people: readonly Person[]; onPick: (personId: string) => void }) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const shown = matchPeople(people, query);
  const activePerson = open && active >= 0 ? shown[active] : undefined;
  const optionId = (personId: string) => `${listId}-${personId}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const pick = (person: Person) => {
    onPick(person.id);
    setQuery("");
    close();
    input.current?.focus();
  };
  const move = (delta: number) => {
    if (!shown.length) return;
    if (!open) {
      setOpen(true);
      setActive(delta > 0 ? 0 : shown.length - 1);
      return;
    }
    setActive((i) => (i < 0 ? (delta > 0 ? 0 : shown.length - 1) : (i + delta + shown.length) % shown.length));
  };

  return (
    <span className="pe-owner-picker">
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        aria-label="Add an owner"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activePerson ? optionId(activePerson.id) : undefined}
        autoComplete="off"
        placeholder="Add owner…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          // The first match is active once the person types, so Enter takes the obvious one.
          setActive(e.target.value.trim() ? 0 : -1);
        }}
        onBlur={close}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            if (e.altKey) return setOpen(e.key === "ArrowDown");
            move(e.key === "ArrowDown" ? 1 : -1);
          } else if (e.key === "Home" && open && shown.length) {
            e.preventDefault();
            setActive(0);
          } else if (e.key === "End" && open && shown.length) {
            e.preventDefault();
            setActive(shown.length - 1);
          } else if (e.key === "Enter") {
            // Enter never reaches the document (it would leave the block) and adds only the active option.
            e.preventDefault();
            if (activePerson) pick(activePerson);
          } else if (e.key === "Escape") {
            e.preventDefault();
            if (open) close();
            else setQuery("");
          }
        }}
      />
      <div id={listId} role="listbox" aria-label="People at the school" className="pe-owner-options" hidden={!open}>
        {shown.length === 0 ? (
          <div className="pe-owner-none">{people.length ? "Nobody matches" : "Everyone is already an owner"}</div>
        ) : (
          shown.map((p, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keys live on the combobox input, which keeps focus (aria-activedescendant)
            <div
              key={p.id}
              tabIndex={-1}
              id={optionId(p.id)}
              role="option"
              aria-selected={i === active}
              data-person={p.id}
              className={i === active ? "pe-owner-option is-active" : "pe-owner-option"}
              // Keeps focus in the input, so the blur above does not close the list before the click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(p)}
            >
              {p.name}
              {p.roleLabel ? <span className="pe-owner-role"> ({p.roleLabel})</span> : null}
            </div>
          ))
        )}
      </div>
    </span>
  );
}
