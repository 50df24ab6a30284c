import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { loginChallenges, users } from "@/db/schema";
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from "@/lib/auth/throttle";
import { UserError } from "@/lib/errors";
import { verifySecondFactor } from "./mfa";

/** The second step must follow the password within five minutes and at most five codes per challenge. */
export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MFA_CHALLENGE_ATTEMPTS = 5;
/** A session ticket never leaves the server: it is consumed by the credentials provider within the request. */
const SESSION_TICKET_TTL_MS = 60 * 1000;

const hash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

async function insertChallenge(userId: string, sessionVersion: number, purpose: "mfa" | "session", ttlMs: number) {
  const token = randomBytes(32).toString("base64url");
  await getDb()
    .insert(loginChallenges)
    .values({ userId, sessionVersion, purpose, tokenHash: hash(token), expiresAt: new Date(Date.now() + ttlMs) });
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

const EXPIRED = "Your sign-in has expired. Enter your email and password again.";
const WRONG = "That code is not right. Try the current code from your authenticator app, or a recovery code.";

export class ChallengeExpired extends UserError {
  constructor() {
    super("invalid", EXPIRED);
  }
}

/**
 * The second sign-in step. Throttled with the same per-account and per-IP budget as passwords (a wrong
 * code is a failed sign-in); a challenge allows five codes, is spent by the right one, and is void if the
 * password changed meanwhile. Returns a session ticket.
 */
export async function completeMfaChallenge(token: string, code: string, ip: string): Promise<string> {
  const db = getDb();
  const [c] = await db
    .select({
      id: loginChallenges.id,
      userId: loginChallenges.userId,
      sessionVersion: loginChallenges.sessionVersion,
      email: users.email,
      currentVersion: users.sessionVersion,
      disabled: users.disabled,
    })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .where(
      and(
        eq(loginChallenges.tokenHash, hash(token)),
        eq(loginChallenges.purpose, "mfa"),
        isNull(loginChallenges.consumedAt),
        gt(loginChallenges.expiresAt, sql`now()`),
        lt(loginChallenges.attempts, MFA_CHALLENGE_ATTEMPTS),
      ),
    );
  if (!c || c.disabled || c.sessionVersion !== c.currentVersion) throw new ChallengeExpired();
  if (await isLoginThrottled(c.email, ip))
    throw new UserError("rate_limited", "Too many failed attempts. Try again in 15 minutes.");

  const ok = await db.transaction(async (tx) => {
    // Count the attempt first (and lock the row): concurrent guesses on one challenge are serialised.
    const [row] = await tx
      .update(loginChallenges)
      .set({ attempts: sql`${loginChallenges.attempts} + 1` })
      .where(
        and(
          eq(loginChallenges.id, c.id),
          isNull(loginChallenges.consumedAt),
          lt(loginChallenges.attempts, MFA_CHALLENGE_ATTEMPTS),
        ),
      )
      .returning({ id: loginChallenges.id });
    if (!row) return null;
    const how = await verifySecondFactor(tx, c.userId, code, ip === "local" ? null : ip);
    if (how) await tx.update(loginChallenges).set({ consumedAt: new Date() }).where(eq(loginChallenges.id, c.id));
    return how;
  });
  if (ok === null) {
    await recordLoginFailure(c.email, ip);
    throw new UserError("invalid", WRONG, { code: [WRONG] });
  }
  await clearLoginFailures(c.email);
  return issueSessionTicket(c.userId, c.sessionVersion);
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
        eq(loginChallenges.tokenHash, hash(token)),
        eq(loginChallenges.purpose, "session"),
        isNull(loginChallenges.consumedAt),
        gt(loginChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: loginChallenges.userId, sessionVersion: loginChallenges.sessionVersion });
  if (!t) return null;
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      sessionVersion: users.sessionVersion,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, t.userId));
  if (!u || u.disabled || u.sessionVersion !== t.sessionVersion) return null;
  return { id: u.id, email: u.email, name: u.name, sessionVersion: u.sessionVersion };
}
