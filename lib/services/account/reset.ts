import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { allowResetRequest } from "@/lib/auth/throttle";
import { UserError } from "@/lib/errors";
import { appLink, enqueueMail } from "@/lib/services/mail/send";
import { writeAudit } from "@/lib/services/audit/write";
import { issuePasswordToken } from "@/lib/services/users/password-tokens";

export const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * "Forgot password?": when the email belongs to an enabled account, a one-time reset link (256-bit token, only its
 * hash stored, 1 hour, single use; the account's earlier unused links are voided) is emailed to that address — in
 * every mode, through the mail queue (lib/mail), never shown anywhere. The caller answers the same neutral sentence
 * whether or not the account exists. Throttled per account and per IP (also for addresses that have no account).
 */
export async function requestPasswordReset(email: string, ip: string): Promise<void> {
  if (!(await allowResetRequest(email, ip)))
    throw new UserError("rate_limited", "Too many reset requests. Try again in an hour.");
  const db = getDb();
  const [u] = await db
    .select({ id: users.id, name: users.name, email: users.email, disabled: users.disabled })
    .from(users)
    .where(eq(users.email, email));
  if (!u || u.disabled) return;
  await db.transaction(async (tx) => {
    const { token, expiresAt, id } = await issuePasswordToken(tx, {
      userId: u.id,
      purpose: "reset_password",
      ttlMs: RESET_TTL_MS,
    });
    await enqueueMail(
      {
        template: "password-reset",
        to: u.email,
        userId: u.id,
        idempotencyKey: `password-reset:${id}`,
        props: {
          name: u.name,
          email: u.email,
          resetUrl: appLink(`/reset-password/${token}`),
          expiresAt: expiresAt.toISOString(),
        },
      },
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
