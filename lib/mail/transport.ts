import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

/**
 * nodemailer over SMTP (SMTP_URL). One transporter per URL; each delivery opens its own connection (no pool), so
 * a server that went away and came back is simply reached again by the next attempt.
 */

let cached: { url: string; transporter: Transporter } | undefined;

export class MailNotConfigured extends Error {
  constructor() {
    super("SMTP_URL is not set: no mail server to deliver to");
  }
}

function transporter(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new MailNotConfigured();
  if (cached?.url !== url) {
    cached = {
      url,
      transporter: nodemailer.createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    };
  }
  return cached.transporter;
}

export interface Outgoing {
  messageId: string;
  from: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  html: string;
  text: string;
}

export interface SmtpAnswer {
  code: number | null;
  response: string;
}

/** What the server said, or why no server answered; `permanent` for 5xx (retrying cannot help). */
export class DeliveryFailed extends Error {
  constructor(
    readonly answer: SmtpAnswer,
    readonly permanent: boolean,
  ) {
    super(answer.response);
  }
}

export async function deliver(m: Outgoing): Promise<SmtpAnswer> {
  try {
    const info = await transporter().sendMail({
      messageId: m.messageId,
      from: m.from,
      to: m.to,
      replyTo: m.replyTo ?? undefined,
      subject: m.subject,
      html: m.html,
      text: m.text,
    });
    const response = String(info.response ?? "250 OK");
    return { code: Number(/^\d{3}/.exec(response)?.[0] ?? 250), response };
  } catch (err) {
    if (err instanceof MailNotConfigured) throw new DeliveryFailed({ code: null, response: err.message }, false);
    const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
    const code = typeof e.responseCode === "number" ? e.responseCode : null;
    const response = (e.response || [e.code, e.message].filter(Boolean).join(": ") || "unknown error").slice(0, 1000);
    throw new DeliveryFailed({ code, response }, code !== null && code >= 500 && code < 600);
  }
}
