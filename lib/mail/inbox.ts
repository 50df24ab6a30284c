import { z } from "zod";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * The signed-in user's own mail in sandbox mode, read from the demo mail catcher's API (its address and token are
 * handed to the web server by `npm start`). Only ever asked for one address: the caller passes the session user's
 * email, so no page can list someone else's messages. Null when there is no catcher (production, or a server
 * started without `npm start`).
 */

const message = z.object({
  id: z.string(),
  receivedAt: z.string(),
  from: z.string(),
  envelopeTo: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
});
export type InboxMessage = z.infer<typeof message>;

export function demoInboxAvailable(): boolean {
  const e = env();
  return e.sandboxEnabled && !!e.MAIL_CATCHER_API && !!e.MAIL_CATCHER_TOKEN;
}

export async function listOwnMail(email: string): Promise<InboxMessage[] | null> {
  const e = env();
  if (!demoInboxAvailable()) return null;
  const to = email.trim().toLowerCase();
  try {
    const res = await fetch(`${e.MAIL_CATCHER_API}/api/messages?to=${encodeURIComponent(to)}`, {
      headers: { authorization: `Bearer ${e.MAIL_CATCHER_TOKEN}` },
      signal: AbortSignal.timeout(3000),
      cache: "no-store",
    });
    if (!res.ok) return null;
    const parsed = z.object({ messages: z.array(message) }).parse(await res.json());
    // Belt and braces: keep only messages whose envelope names this address.
    return parsed.messages.filter((m) => m.envelopeTo.includes(to));
  } catch (err) {
    log().warn({ err }, "demo mail catcher not reachable");
    return null;
  }
}
