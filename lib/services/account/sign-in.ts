import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { loginChallenges, users } from "@/db/schema";
import { challengeHash, issueSessionTicket, MFA_CHALLENGE_ATTEMPTS } from "@/lib/auth/login-challenges";
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from "@/lib/auth/throttle";
import { UserError } from "@/lib/errors";
import { verifySecondFactor } from "./mfa";

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
        eq(loginChallenges.tokenHash, challengeHash(token)),
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
