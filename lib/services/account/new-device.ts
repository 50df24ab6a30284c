import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { knownDevices, users } from "@/db/schema";
import { log } from "@/lib/log";
import { appLink, enqueueMail } from "@/lib/services/mail/send";

/**
 * "New sign-in" notices: each account remembers the browsers it signed in from (a hash of the user agent, nothing
 * else). A successful sign-in from one it has not seen before — other than the account's very first — emails the
 * account's own address. It never blocks or fails a sign-in.
 */

const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, "Edge"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/(?:Headless)?Chrome\/(\d+)/, "Chrome"],
  [/Version\/(\d+).*Safari/, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/iPhone|iPad/, "iOS"],
  [/Mac OS X/, "macOS"],
  [/Android/, "Android"],
  [/Linux/, "Linux"],
];

/** "Chrome 140 on Linux": enough for a person to recognise (or not) their own browser. */
export function describeBrowser(ua: string): string {
  let browser = "an unknown browser";
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? "an unknown system";
  return `${browser} on ${system}`;
}

export async function noteSignIn(userId: string, p: { userAgent: string | null; ip: string }): Promise<void> {
  try {
    const ua = (p.userAgent ?? "").slice(0, 500);
    const deviceHash = createHash("sha256").update(ua, "utf8").digest("hex");
    const db = getDb();
    const inserted = await db
      .insert(knownDevices)
      .values({ userId, deviceHash })
      .onConflictDoUpdate({
        target: [knownDevices.userId, knownDevices.deviceHash],
        set: { lastSeenAt: new Date() },
      })
      .returning({ isNew: sql<boolean>`xmax = 0` });
    if (!inserted[0]?.isNew) return;
    const [others] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(knownDevices)
      .where(and(eq(knownDevices.userId, userId), sql`${knownDevices.deviceHash} <> ${deviceHash}`));
    if (!others?.n) return;
    const [u] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!u) return;
    const at = new Date();
    await enqueueMail({
      template: "new-device",
      to: u.email,
      userId,
      idempotencyKey: `new-device:${userId}:${deviceHash}:${at.getTime()}`,
      props: {
        name: u.name,
        email: u.email,
        at: at.toISOString(),
        browser: describeBrowser(ua),
        ip: p.ip === "local" ? "this computer" : p.ip,
        securityUrl: appLink("/account/security"),
        forgotPasswordUrl: appLink("/forgot-password"),
      },
    });
  } catch (err) {
    log().warn({ err, userId }, "new sign-in notice could not be queued");
  }
}
