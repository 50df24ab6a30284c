import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { isLoginThrottled, recordLoginFailure } from "@/lib/auth/throttle";
import { fieldError, UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { passwordProblem } from "./password-strength";
import { issueSessionTicket } from "@/lib/auth/login-challenges";

async function loadUser(userId: string) {
  const [u] = await getDb()
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!u) throw new UserError("invalid", "Your account was not found.");
  return u;
}

/**
 * Re-proves the password of a signed-in user (for a change of password or of the second factor). A wrong
 * one counts against the sign-in throttle, so an open session cannot be used to guess the password.
 */
export async function confirmPassword(userId: string, password: string, ip: string): Promise<{ email: string }> {
  const u = await loadUser(userId);
  if (await isLoginThrottled(u.email, ip))
    throw new UserError("rate_limited", "Too many failed attempts. Try again in 15 minutes.");
  if (!(await verifyPassword(u.passwordHash, password))) {
    await recordLoginFailure(u.email, ip);
    throw fieldError("current", "Your current password is not right.");
  }
  return { email: u.email };
}

/**
 * Changes the password: checks the current one and the strength rule, stores the argon2id hash and bumps
 * session_version in one transaction (every session of the user ends), audited. Returns a session ticket so
 * the caller re-issues the current session under the new version.
 */
export async function changePassword(
  userId: string,
  p: { current: string; password: string },
  ip: string,
): Promise<string> {
  const { email } = await confirmPassword(userId, p.current, ip);
  const problem = passwordProblem(p.password, email);
  if (problem) throw fieldError("password", problem);
  if (p.password === p.current) throw fieldError("password", "Choose a password different from the current one.");
  const hash = await hashPassword(p.password);
  const sv = await getDb().transaction(async (tx) => {
    const [u] = await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ sv: users.sessionVersion });
    await writeAudit(tx, {
      actorUserId: userId,
      action: "user.password_changed",
      targetType: "user",
      targetId: userId,
      ip: ip === "local" ? null : ip,
    });
    return u!.sv;
  });
  return issueSessionTicket(userId, sv);
}

/** Ends every session of the user, this one included (bumps session_version), audited. */
export async function signOutEverywhere(userId: string, ip: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      actorUserId: userId,
      action: "user.signed_out_everywhere",
      targetType: "user",
      targetId: userId,
      ip: ip === "local" ? null : ip,
    });
  });
}
