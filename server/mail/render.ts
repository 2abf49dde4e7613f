/** Plain text plus simple HTML for every email: what happened, a link to the place, why they get it, and their settings. */

/** What an email says. */
export interface EmailContent {
  name: string;
  subject: string;
  /** Paragraphs of the message, plain text. */
  lines: string[];
  /** Links to the places it is about: a label and an absolute URL. */
  links: { label: string; url: string }[];
  /** "You get this email because ..."; omitted for account emails (invitations, resets). */
  why?: string;
  /** The notification settings page, when the email is a notification. */
  settingsUrl?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Renders an email to its text and HTML parts. */
export function renderEmail(content: EmailContent): { subject: string; text: string; html: string } {
  const footer = [
    content.why ? `You get this email because ${content.why}.` : null,
    content.settingsUrl ? `Choose which emails you get: ${content.settingsUrl}` : null,
  ].filter((l): l is string => l !== null);
  const text = [
    `Hello ${content.name},`,
    "",
    ...content.lines.flatMap((l) => [l, ""]),
    ...content.links.map((l) => `${l.label}: ${l.url}`),
    "",
    "-- ",
    "Trellis",
    ...footer,
    "",
  ].join("\n");
  const html = [
    `<!doctype html><html lang="en-GB"><body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40em">`,
    `<p>Hello ${escapeHtml(content.name)},</p>`,
    ...content.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...content.links.map((l) => `<p><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></p>`),
    `<hr><p style="color: #555; font-size: 0.9em">Trellis<br>`,
    content.why ? `You get this email because ${escapeHtml(content.why)}.<br>` : "",
    content.settingsUrl ? `<a href="${escapeHtml(content.settingsUrl)}">Choose which emails you get</a>` : "",
    `</p></body></html>`,
  ].join("\n");
  return { subject: content.subject, text, html };
}
