import { type Env, env } from "@/lib/env";

/** Where the portal's mail goes and whom it comes from (SMTP_URL, MAIL_FROM, APP_URL in lib/env.ts). */

export function mailFrom(e: Env = env()): string {
  return e.MAIL_FROM ?? `"Merchant Portal" <no-reply@${new URL(e.appUrl).hostname}>`;
}

/** The domain of Message-ID headers (`<message id@domain>`): the sender's, so receivers can deduplicate retries. */
export function messageIdDomain(e: Env = env()): string {
  const from = mailFrom(e);
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? new URL(e.appUrl).hostname;
}

/** An absolute link into the portal, built from the one configured origin (APP_URL). */
export function appLink(path: string, e: Env = env()): string {
  return `${e.appUrl}${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * The start-up check: with the sandboxes off, invitations, resets, invoices and receipts must really leave, so a
 * missing SMTP_URL (or APP_URL, which every link is built from) stops the start with this sentence instead of
 * failing one message at a time. In sandbox mode `npm start` provides a local catcher.
 */
export function mailStartupProblem(e: Env = env()): string | null {
  if (e.sandboxEnabled) return null;
  const missing = [!e.SMTP_URL && "SMTP_URL", !e.APP_URL && "APP_URL"].filter(Boolean);
  if (missing.length === 0) return null;
  return (
    `${missing.join(" and ")} must be set when the sandboxes are off: the portal sends invitations, password resets, ` +
    "invoices and receipts by email (SMTP_URL, e.g. smtp://user:pass@smtp.example.com:587) and builds every link " +
    "in them from APP_URL (your public https origin). See .env.example."
  );
}
