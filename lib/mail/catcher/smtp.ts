import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { MessageStore } from "./store";

/** Maximum message size the catcher accepts (a real server would refuse larger ones too). */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The catcher's SMTP side: a real SMTP server on loopback (no TLS, no auth) that accepts every message and keeps it
 * parsed in the store. The portal reaches it exactly as it reaches a production server: nodemailer over SMTP_URL.
 */
export async function startCatcherSmtp(
  store: MessageStore,
  port: number,
): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: MAX_BYTES,
    logger: false,
    banner: "merchant portal demo mail catcher",
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BYTES) chunks.push(c);
      });
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (p) => {
            store.add({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: p.from?.text ?? "",
              to: Array.isArray(p.to) ? p.to.map((a) => a.text).join(", ") : (p.to?.text ?? ""),
              subject: p.subject ?? "(no subject)",
              messageId: p.messageId ?? "",
              text: p.text ?? "",
              html: typeof p.html === "string" ? p.html : "",
              size,
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
  return {
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
