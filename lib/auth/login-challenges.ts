import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { loginChallenges } from "@/db/schema";
import { getActiveUser } from "@/db/queries/memberships";

/**
 * The one-time tokens of signing in: the MFA challenge the browser holds between password and code, and the
 * server-side session ticket the credentials provider exchanges for a session cookie. Stored hashed.
 *
 * The second step must follow the password within five minutes and at most five codes per challenge.
 */
export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MFA_CHALLENGE_ATTEMPTS = 5;
/** A session ticket never leaves the server: it is consumed by the credentials provider within the request. */
const SESSION_TICKET_TTL_MS = 60 * 1000;

export const challengeHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

async function insertChallenge(userId: string, sessionVersion: number, purpose: "mfa" | "session", ttlMs: number) {
  const token = randomBytes(32).toString("base64url");
  await getDb()
    .insert(loginChallenges)
    .values({
      userId,
      sessionVersion,
      purpose,
      tokenHash: challengeHash(token),
      expiresAt: new Date(Date.now() + ttlMs),
    });
  return token;
}

/** After a right password for a user with MFA: the token the browser keeps (HttpOnly) until the code. */
export function createMfaChallenge(userId: string, sessionVersion: number): Promise<string> {
  return insertChallenge(userId, sessionVersion, "mfa", MFA_CHALLENGE_TTL_MS);
}

/** A one-time server-side ticket the credentials provider exchanges for a session cookie. */
export function issueSessionTicket(userId: string, sessionVersion: number): Promise<string> {
  return insertChallenge(userId, sessionVersion, "session", SESSION_TICKET_TTL_MS);
}

/**
 * Exchanges a session ticket for the user the session is issued to (once; unexpired; the user enabled
 * and still on the session version the ticket was issued under).
 */
export async function consumeSessionTicket(
  token: string,
): Promise<{ id: string; email: string; name: string; sessionVersion: number } | null> {
  const db = getDb();
  const [t] = await db
    .update(loginChallenges)
    .set({ consumedAt: new Date() })
    .where(
      and(
        eq(loginChallenges.tokenHash, challengeHash(token)),
        eq(loginChallenges.purpose, "session"),
        isNull(loginChallenges.consumedAt),
        gt(loginChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: loginChallenges.userId, sessionVersion: loginChallenges.sessionVersion });
  if (!t) return null;
  const u = await getActiveUser({ userId: t.userId }, db);
  if (!u || u.disabled || u.sessionVersion !== t.sessionVersion) return null;
  return { id: u.id, email: u.email, name: u.name, sessionVersion: u.sessionVersion };
}
