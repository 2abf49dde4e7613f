/** Where email goes: an SMTP server through nodemailer, or, without SMTP_URL, the log (so the demo needs nothing else). */
import nodemailer from "nodemailer";
import type { Logger } from "../logger.js";

/** One email as the queue hands it over. */
export interface OutgoingMail {
  /** The outbox row's id: it becomes the Message-ID, so a resend after a crash can be recognised. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one email, or throws so the queue retries it later. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The transport the settings ask for. */
export function createMailTransport(options: { smtpUrl?: string; from: string; logger: Logger }): MailTransport {
  const { smtpUrl, from, logger } = options;
  if (!smtpUrl) {
    return {
      async send(mail) {
        logger.info("email (no SMTP_URL set, so written to the log)", { to: mail.to, subject: mail.subject, text: mail.text });
      },
      close() {},
    };
  }
  // One connection at a time, with short timeouts: a hung server must not hold a lease for long.
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@trellis.mail>`,
      });
    },
    close: () => transporter.close(),
  };
}
