import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on loopback for tests: whatever the portal sends travels over SMTP to it and is parsed with
 * mailparser, so tests assert on what a mail server received (headers, HTML and text parts), never on a table.
 * `reject(code, message)` makes it refuse the next messages (a mailbox full, a greylisting server).
 */
export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: ParsedMail["headers"];
  raw: string;
}

export interface SmtpListener {
  port: number;
  url: string;
  messages: CaughtMail[];
  /** Waits until a received message matches, and returns it. */
  waitFor(match: (m: CaughtMail) => boolean, ms?: number): Promise<CaughtMail>;
  /** Refuse every message with this SMTP answer until `accept()`. */
  reject(code: number, message: string): void;
  accept(): void;
  stop(): Promise<void>;
}

export async function startSmtpListener(port = 0): Promise<SmtpListener> {
  const messages: CaughtMail[] = [];
  let refusal: { code: number; message: string } | null = null;
  let stopped: Promise<void> | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refusal) {
          const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (p) => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: p.subject ?? "",
              text: p.text ?? "",
              html: typeof p.html === "string" ? p.html : "",
              messageId: p.messageId ?? "",
              headers: p.headers,
              raw: raw.toString("utf8"),
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    async waitFor(match, ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        const m = messages.find(match);
        if (m) return m;
        if (Date.now() > end) {
          const seen = messages.map((x) => `${x.to.join(",")}: ${x.subject}`).join("; ") || "nothing";
          throw new Error(`no matching mail arrived in ${ms} ms (received: ${seen})`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    reject(code, message) {
      refusal = { code, message };
    },
    accept() {
      refusal = null;
    },
    // Idempotent: a test may stop the server (a mail outage) before its fixture does.
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

/** The first link in a message's text part whose path starts with `prefix` (e.g. "/pay/"). */
export function linkIn(mail: CaughtMail, prefix: string): string | null {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`https?://[^\\s<>"\\]]+${escaped}[^\\s<>"\\])]*`).exec(mail.text)?.[0] ?? null;
}
