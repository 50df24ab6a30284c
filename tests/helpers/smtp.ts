import type { ParsedMail } from "mailparser";
import { SmtpRefusal, startLoopbackSmtp } from "@/lib/mail/catcher/smtp";

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
  let refusal: SmtpRefusal | null = null;
  let stopped: Promise<void> | undefined;
  const server = await startLoopbackSmtp({
    port,
    refuse: () => refusal,
    onMessage: ({ envelopeFrom, envelopeTo, raw, parsed: p }) =>
      messages.push({
        from: envelopeFrom,
        to: envelopeTo,
        subject: p.subject ?? "",
        text: p.text ?? "",
        html: typeof p.html === "string" ? p.html : "",
        messageId: p.messageId ?? "",
        headers: p.headers,
        raw: raw.toString("utf8"),
      }),
  });
  const actual = server.port;
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
      refusal = new SmtpRefusal(code, message);
    },
    accept() {
      refusal = null;
    },
    // Idempotent: a test may stop the server (a mail outage) before its fixture does.
    stop: () => (stopped ??= server.stop()),
  };
}

/** The first link in a message's text part whose path starts with `prefix` (e.g. "/pay/"). */
export function linkIn(mail: CaughtMail, prefix: string): string | null {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`https?://[^\\s<>"\\]]+${escaped}[^\\s<>"\\])]*`).exec(mail.text)?.[0] ?? null;
}
