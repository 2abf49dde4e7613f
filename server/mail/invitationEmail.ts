/** The email that carries an invitation to its invitee (the admin still sees the link, to pass on by hand if need be). */
import { ROLE_LABELS, type Role } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { enqueueMail, type MailQueue } from "./MailQueue.js";
import { renderEmail } from "./render.js";

/** Queues the invitation email. */
export async function emailInvitation(
  db: Db,
  mail: MailQueue,
  invite: { email: string; name: string; role: Role; schoolName: string | null; invitedBy: string; link: string; expiresAt: Date },
): Promise<void> {
  const where = invite.schoolName ? ` at ${invite.schoolName}` : " for the trust";
  const until = invite.expiresAt.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });
  const content = renderEmail({
    name: invite.name,
    subject: `${invite.invitedBy} invited you to Trellis`,
    lines: [
      `${invite.invitedBy} has invited you to Trellis, where the trust writes and follows its school-improvement plans, as ${ROLE_LABELS[invite.role]}${where}.`,
      `Open the link to choose your password. It works once, until ${until}.`,
    ],
    links: [{ label: "Accept the invitation", url: invite.link }],
  });
  await enqueueMail(db, { to: invite.email, ...content });
  mail.wake();
}
