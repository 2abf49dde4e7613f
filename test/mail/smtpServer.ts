/** A real SMTP server in the test process (smtp-server), on port 0, that keeps what it receives. */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One email as it arrived: envelope recipients, headers and the decoded text. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  /** The whole message with quoted-printable soft breaks and escapes undone, to search for links. */
  body: string;
}

function decode(raw: string): string {
  // Runs of =XX escapes are UTF-8 bytes: decode each run as a whole.
  return raw.replace(/=\r?\n/g, "").replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.split("=").slice(1).map((h) => Number.parseInt(h, 16))).toString("utf8"));
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

/** A running test SMTP server. */
export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Emails to one address. */
  to(address: string): ReceivedMail[];
  stop(): Promise<void>;
  /** Starts again on the same port (after stop), keeping what was received. */
  restart(): Promise<void>;
}

/** Starts the server; `port` 0 picks a free one. */
export async function startSmtp(port = 0, received: ReceivedMail[] = []): Promise<TestSmtp> {
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: decodeSubject(header(raw, "Subject")),
            messageId: header(raw, "Message-ID"),
            body: decode(raw),
          });
          callback();
        });
      },
    });
  let server = make();
  const listen = (p: number) => new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(p, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
  });
  const actual = await listen(port);
  const smtp: TestSmtp = {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    received,
    to: (address) => received.filter((m) => m.to.includes(address)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async restart() {
      server = make();
      await listen(actual);
    },
  };
  return smtp;
}

/** Subjects with non-ASCII characters arrive as RFC 2047 encoded words. */
function decodeSubject(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : decode(text.replace(/_/g, " ")),
  );
}
