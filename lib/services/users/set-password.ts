import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { clearLoginFailures } from "@/lib/auth/throttle";
import { UserError } from "@/lib/errors";
import { passwordProblem } from "@/lib/services/account/password-strength";
import { writeAudit } from "@/lib/services/audit/write";
import { joinThroughInvitation } from "./invitations";
import { consumeToken, findUsableToken } from "./password-tokens";

const EXPIRED = "This link has expired or was already used. Ask your partner or administrator for a new one.";
const RESET_EXPIRED = "This link has expired or was already used. Ask for a new one on the sign-in page.";

/**
 * Sets a password through a one-time link. In one transaction: the token is consumed (only while its rules hold —
 * password-tokens.ts), the argon2id hash is stored (a set-password link only on an account that still has none),
 * session_version is bumped (every other session of the account ends), and an invitation the link came with is
 * accepted. The account's sign-in throttle is cleared: its owner has just proven the mailbox.
 */
export async function setPasswordWithToken(token: string, password: string): Promise<{ email: string }> {
  const found = await findUsableToken(token);
  const expired = found?.purpose === "reset_password" ? RESET_EXPIRED : EXPIRED;
  if (!found) throw new UserError("invalid", expired, { password: [expired] });
  const problem = passwordProblem(password, found.email);
  if (problem) throw new UserError("invalid", "Please choose a stronger password.", { password: [problem] });
  const hash = await hashPassword(password);
  const result = await getDb().transaction(async (tx) => {
    const used = await consumeToken(tx, token);
    if (!used) throw new UserError("invalid", expired, { password: [expired] });
    const [u] = await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(
        and(
          eq(users.id, used.userId),
          eq(users.disabled, false),
          used.purpose === "set_password" ? isNull(users.passwordHash) : undefined,
        ),
      )
      .returning({ id: users.id, email: users.email });
    if (!u) throw new UserError("invalid", expired, { password: [expired] });
    if (used.invitationId) await joinThroughInvitation(tx, { invitationId: used.invitationId, userId: u.id });
    await writeAudit(tx, {
      actorUserId: u.id,
      action: used.purpose === "set_password" ? "user.password_set" : "user.password_reset",
      targetType: "user",
      targetId: u.id,
    });
    return { email: u.email };
  });
  await clearLoginFailures(result.email);
  return result;
}
