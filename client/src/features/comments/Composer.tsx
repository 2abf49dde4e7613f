/**
 * A comment box with @mentions: typing "@" suggests the school's people; the chosen ones are sent
 * as `mentions` (if their name is still in the text) and get a notification.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { messageOf } from "../../api/client.js";
import type { MentionablePerson } from "./commentsApi.js";

const MAX_CHARS = 5000;
const MAX_SUGGESTIONS = 6;

/** The "@query" just before the caret, if the caret sits in one. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)@([^@\n]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]!.toLowerCase() };
}

function matches(person: MentionablePerson, query: string): boolean {
  const name = person.name.toLowerCase();
  return name.startsWith(query) || name.split(/\s+/).some((word) => word.startsWith(query)) || person.email.toLowerCase().startsWith(query);
}

/** A comment or reply box; `onSubmit` gets the text and the ids of the people mentioned. */
export function Composer(props: {
  label: string;
  submitLabel: string;
  people: readonly MentionablePerson[];
  onSubmit(body: string, mentions: string[]): Promise<void>;
  onCancel?(): void;
  autoFocus?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const [body, setBody] = useState("");
  const [chosen, setChosen] = useState<MentionablePerson[]>([]);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (props.autoFocus) textarea.current?.focus();
  }, [props.autoFocus]);

  const suggestions = query ? props.people.filter((p) => matches(p, query.query)).slice(0, MAX_SUGGESTIONS) : [];
  const open = suggestions.length > 0;

  function updateQuery(text: string, caret: number) {
    const next = mentionQuery(text, caret);
    setQuery(next);
    if (next?.query !== query?.query) setHighlighted(0);
  }

  function choose(person: MentionablePerson) {
    const el = textarea.current;
    if (!el || !query) return;
    const caret = el.selectionStart;
    const inserted = `@${person.name} `;
    const text = body.slice(0, query.start) + inserted + body.slice(caret);
    setBody(text);
    setChosen((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]));
    setQuery(null);
    const at = query.start + inserted.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at, at);
    });
  }

  async function submit() {
    const text = body.trim();
    if (!text) {
      setError("Write a comment first.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(text, chosen.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id));
      setBody("");
      setChosen([]);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setHighlighted((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(suggestions[highlighted] ?? suggestions[0]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setQuery(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape" && props.onCancel) {
      event.preventDefault();
      props.onCancel();
    }
  }

  const listId = `${id}-people`;
  return (
    <form
      className="cm-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-body`} className="visually-hidden">
        {props.label}
      </label>
      <div className="cm-composer-field">
        <textarea
          id={`${id}-body`}
          ref={textarea}
          rows={3}
          value={body}
          maxLength={MAX_CHARS}
          placeholder={props.placeholder ?? "Comment, or @ to mention someone"}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${highlighted}` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setBody(e.target.value);
            updateQuery(e.target.value, e.target.selectionStart);
          }}
          onSelect={(e) => updateQuery(e.currentTarget.value, e.currentTarget.selectionStart)}
          onBlur={() => setTimeout(() => setQuery(null), 150)}
          onKeyDown={onKeyDown}
          disabled={busy}
        />
        <div id={listId} role="listbox" className="cm-mentions" hidden={!open} aria-label="People to mention">
          {suggestions.map((p, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: options are never focused; the textarea keeps focus (aria-activedescendant)
            <div
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === highlighted}
              className={i === highlighted ? "is-highlighted" : undefined}
              // mousedown, not click: the textarea must keep its caret.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              <span className="cm-mention-name">{p.name}</span>
              <span className="cm-mention-role">{p.roleLabel}</span>
            </div>
          ))}
        </div>
      </div>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="cm-composer-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          {busy ? "Sending…" : props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="button button-quiet button-small" onClick={props.onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
