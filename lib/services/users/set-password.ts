import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { clearLoginFailures } from "@/lib/auth/throttle";
import { UserError } from "@/lib/errors";
import { passwordProblem } from "@/lib/services/account/password-strength";
import { writeAudit } from "@/lib/services/audit/write";
import { consumeToken, findUsableToken } from "./password-tokens";

const EXPIRED = "This link has expired or was already used. Ask your partner or administrator for a new one.";
const RESET_EXPIRED = "This link has expired or was already used. Ask for a new one on the sign-in page.";

/**
 * Sets a password through a one-time link: the token is consumed in the same transaction that stores
 * the argon2id hash and bumps session_version (every older session of the user stops working). The
 * account's sign-in throttle is cleared: whoever locked it out, its owner has just proven the mailbox.
 */
export async function setPasswordWithToken(token: string, password: string): Promise<{ email: string }> {
  const usable = await findUsableToken(token);
  const expired = usable?.purpose === "reset_password" ? RESET_EXPIRED : EXPIRED;
  if (!usable) throw new UserError("invalid", expired, { password: [expired] });
  const problem = passwordProblem(password, usable.email);
  if (problem) throw new UserError("invalid", "Please choose a stronger password.", { password: [problem] });
  const hash = await hashPassword(password);
  const result = await getDb().transaction(async (tx) => {
    const used = await consumeToken(tx, token);
    if (!used) throw new UserError("invalid", expired, { password: [expired] });
    const [u] = await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, used.userId))
      .returning({ id: users.id, email: users.email });
    if (!u) throw new UserError("invalid", expired);
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
