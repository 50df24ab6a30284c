import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insertOutbox } from "@/db/queries/outbox";
import { passwordTokens, users } from "@/db/schema";
import { allowResetRequest } from "@/lib/auth/throttle";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { issuePasswordToken } from "@/lib/services/users/password-tokens";

export const RESET_TTL_MS = 60 * 60 * 1000;
export const RESET_TOPIC = "user.password_reset";

/**
 * "Forgot password?": when the email belongs to an enabled user, a one-time reset link (256-bit token, only
 * its hash stored, 1 hour, single use; earlier unused reset links are voided) goes to the outbox. The caller
 * answers the same neutral sentence whether or not the account exists. Throttled per account and per IP.
 */
export async function requestPasswordReset(email: string, ip: string): Promise<void> {
  if (!(await allowResetRequest(email, ip)))
    throw new UserError("rate_limited", "Too many reset requests. Try again in an hour.");
  const db = getDb();
  const [u] = await db
    .select({ id: users.id, name: users.name, disabled: users.disabled })
    .from(users)
    .where(eq(users.email, email));
  if (!u || u.disabled) return;
  await db.transaction(async (tx) => {
    await tx
      .update(passwordTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordTokens.userId, u.id),
          eq(passwordTokens.purpose, "reset_password"),
          isNull(passwordTokens.usedAt),
        ),
      );
    const { token, expiresAt } = await issuePasswordToken(tx, {
      userId: u.id,
      purpose: "reset_password",
      ttlMs: RESET_TTL_MS,
    });
    const link = `${env().appUrl}/reset-password/${token}`;
    await insertOutbox(
      [
        {
          merchantId: null,
          channel: "email",
          to: email,
          subject: "Reset your merchant portal password",
          body:
            `Hello ${u.name},\n\nSomeone (hopefully you) asked to reset the password of ${email}. ` +
            `Choose a new password here:\n\n${link}\n\nThis link works once and expires on ${expiresAt.toUTCString()}. ` +
            `If you did not ask, ignore this message: your password stays as it is.`,
          topic: RESET_TOPIC,
          reference: u.id,
        },
      ],
      tx,
    );
    await writeAudit(tx, {
      actorUserId: null,
      actorLabel: "anonymous:forgot-password",
      action: "user.password_reset_requested",
      targetType: "user",
      targetId: u.id,
      ip: ip === "local" ? null : ip,
    });
  });
}
