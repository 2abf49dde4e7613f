/** The single-use invite link, shown once, with a copy button: Trellis sends no email, so the admin passes it on. */
import { useId, useRef, useState } from "react";

export function InviteLink({ link, name }: { link: string; name: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const id = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("Link copied.");
    } catch {
      // Clipboard access can be refused (http, or a locked-down browser): select it for Ctrl+C instead.
      inputRef.current?.select();
      setCopied("Press Ctrl+C (or ⌘C) to copy the selected link.");
    }
  }

  return (
    <div className="notice notice-success invite-link">
      <p className="notice-title">Invitation ready for {name}</p>
      <label htmlFor={id}>Send them this link. It works once and expires in 7 days.</label>
      <div className="copy-row">
        <input id={id} ref={inputRef} type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p role="status" className="hint">
        {copied}
      </p>
    </div>
  );
}
