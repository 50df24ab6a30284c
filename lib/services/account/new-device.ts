import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { knownDevices, users } from "@/db/schema";
import { log } from "@/lib/log";
import { appLink, enqueueMail } from "@/lib/mail/send";

/**
 * "New sign-in" notices: each account remembers the browsers it signed in from (a hash of the user agent, nothing
 * else). A successful sign-in from one it has not seen before — other than the account's very first — emails the
 * account's own address. It never blocks or fails a sign-in.
 */

export function describeBrowser(ua: string): string {
  const browser =
    /Edg\/(\d+)/.exec(ua)?.[1] !== undefined
      ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}`
      : /Firefox\/(\d+)/.test(ua)
        ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}`
        : /(?:Headless)?Chrome\/(\d+)/.test(ua)
          ? `Chrome ${/(?:Headless)?Chrome\/(\d+)/.exec(ua)![1]}`
          : /Version\/(\d+).*Safari/.test(ua)
            ? `Safari ${/Version\/(\d+)/.exec(ua)![1]}`
            : "an unknown browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Mac OS X/.test(ua)
        ? "macOS"
        : /Android/.test(ua)
          ? "Android"
          : /Linux/.test(ua)
            ? "Linux"
            : "an unknown system";
  return `${browser} on ${os}`;
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
