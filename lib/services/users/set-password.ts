import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { consumeToken } from "./password-tokens";

const EXPIRED = "This link has expired or was already used. Ask your partner or administrator for a new one.";

/**
 * Sets a password through a one-time link: the token is consumed in the same transaction that stores
 * the argon2id hash and bumps session_version (every older session of the user stops working).
 */
export async function setPasswordWithToken(token: string, password: string): Promise<{ email: string }> {
  const hash = await hashPassword(password);
  return getDb().transaction(async (tx) => {
    const used = await consumeToken(tx, token);
    if (!used) throw new UserError("invalid", EXPIRED, { password: [EXPIRED] });
    const [u] = await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, used.userId))
      .returning({ id: users.id, email: users.email });
    if (!u) throw new UserError("invalid", EXPIRED);
    await writeAudit(tx, {
      actorUserId: u.id,
      action: used.purpose === "set_password" ? "user.password_set" : "user.password_reset",
      targetType: "user",
      targetId: u.id,
    });
    return { email: u.email };
  });
}
