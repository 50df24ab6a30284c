import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { MessageStore } from "./store";

/** Maximum message size the catcher accepts (a real server would refuse larger ones too). */
const MAX_BYTES = 10 * 1024 * 1024;

/** One message as a receiving server sees it: the envelope, the raw bytes and their parse. */
export interface ReceivedSmtp {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

/** An SMTP answer that refuses a message (e.g. 452 mailbox full); thrown from `onMessage` or `refuse`. */
export class SmtpRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A real SMTP server on loopback (no TLS, no auth) that parses every message with mailparser and hands it to
 * `onMessage`; `refuse()` is asked first and may refuse with an SMTP answer. The demo mail catcher and the tests'
 * SMTP listener (tests/helpers/smtp.ts) are both this server.
 */
export async function startLoopbackSmtp(opts: {
  port: number;
  maxBytes?: number;
  banner?: string;
  refuse?: () => SmtpRefusal | null;
  onMessage: (m: ReceivedSmtp) => void;
}): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    ...(opts.maxBytes ? { size: opts.maxBytes } : {}),
    logger: false,
    ...(opts.banner ? { banner: opts.banner } : {}),
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (!opts.maxBytes || size <= opts.maxBytes) chunks.push(c);
      });
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(new SmtpRefusal(552, "Message too large"));
          return;
        }
        const refusal = opts.refuse?.();
        if (refusal) {
          callback(refusal);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            opts.onMessage({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              raw,
              parsed,
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
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The catcher's SMTP side: accepts every message up to 10 MiB and keeps it parsed in the store. The portal reaches it
 * exactly as it reaches a production server: nodemailer over SMTP_URL.
 */
export function startCatcherSmtp(store: MessageStore, port: number): Promise<{ port: number; stop(): Promise<void> }> {
  return startLoopbackSmtp({
    port,
    maxBytes: MAX_BYTES,
    banner: "merchant portal demo mail catcher",
    onMessage: ({ envelopeFrom, envelopeTo, raw, parsed: p }) =>
      store.add({
        envelopeFrom,
        envelopeTo,
        from: p.from?.text ?? "",
        to: Array.isArray(p.to) ? p.to.map((a) => a.text).join(", ") : (p.to?.text ?? ""),
        subject: p.subject ?? "(no subject)",
        messageId: p.messageId ?? "",
        text: p.text ?? "",
        html: typeof p.html === "string" ? p.html : "",
        size: raw.length,
      }),
  });
}
