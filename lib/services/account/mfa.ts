import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { type DbOrTx, getDb } from "@/db/client";
import { mfaFactors, mfaRecoveryCodes, users } from "@/db/schema";
import { hasMfa } from "@/lib/auth/mfa-policy";
import { seal, unseal } from "@/lib/crypto/keys";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import {
  groupSecret,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  totpStep,
} from "./totp";
import { issueSessionTicket } from "@/lib/auth/login-challenges";

/** HKDF purpose of the key that seals TOTP secrets (lib/crypto/keys). */
export const MFA_SEAL_PURPOSE = "mfa-totp-secret";
const SEAL_PURPOSE = MFA_SEAL_PURPOSE;

/** The row a user's sealed TOTP secret is bound to (lib/crypto/keys.ts). */
export function mfaSecretBinding(userId: string): string {
  return `mfa_factors/${userId}/secret_enc`;
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function getMfaStatus(userId: string, db: DbOrTx = getDb()): Promise<MfaStatus> {
  const [f] = await db
    .select({ enabledAt: mfaFactors.enabledAt })
    .from(mfaFactors)
    .where(eq(mfaFactors.userId, userId));
  if (!f?.enabledAt) return { enabled: false, enabledAt: null, recoveryCodesLeft: 0 };
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return { enabled: true, enabledAt: f.enabledAt, recoveryCodesLeft: r?.n ?? 0 };
}

export interface Enrolment {
  /** Base32, grouped by four for typing. */
  secret: string;
  uri: string;
  /** SVG markup of the otpauth:// QR code, rendered on the server. */
  qrSvg: string;
}

/**
 * Starts (or restarts) enrolment: a new secret, sealed, stored as not yet enabled. Refused while a factor
 * is enabled (disable first), so an open session cannot silently swap the authenticator.
 */
export async function startEnrolment(userId: string): Promise<Enrolment> {
  const db = getDb();
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!u) throw new UserError("invalid", "Your account was not found.");
  if (await hasMfa(userId, db)) throw new UserError("conflict", "Two-factor authentication is already on.");
  const secret = newTotpSecret();
  const secretEnc = seal(secret, SEAL_PURPOSE, mfaSecretBinding(userId));
  await db
    .insert(mfaFactors)
    .values({ userId, secretEnc })
    .onConflictDoUpdate({
      target: mfaFactors.userId,
      set: { secretEnc, lastUsedStep: null, createdAt: new Date() },
      setWhere: isNull(mfaFactors.enabledAt),
    });
  const uri = otpauthUri(secret, u.email);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret: groupSecret(secret), uri, qrSvg };
}

const WRONG_CODE = "That code is not right. Enter the current 6-digit code from your authenticator app.";

/**
 * Accepts a TOTP code for the user's factor (pending or enabled) exactly once: the step is recorded with
 * a conditional update, so the same code (or an older one) is refused afterwards, even concurrently.
 */
async function acceptTotp(db: DbOrTx, userId: string, code: string, pending: boolean): Promise<boolean> {
  const [f] = await db
    .select({ secretEnc: mfaFactors.secretEnc, enabledAt: mfaFactors.enabledAt })
    .from(mfaFactors)
    .where(eq(mfaFactors.userId, userId));
  if (!f || (pending ? f.enabledAt !== null : f.enabledAt === null)) return false;
  const step = totpStep(unseal(f.secretEnc, SEAL_PURPOSE, mfaSecretBinding(userId)), code);
  if (step === null) return false;
  const won = await db
    .update(mfaFactors)
    .set({ lastUsedStep: step })
    .where(and(eq(mfaFactors.userId, userId), or(isNull(mfaFactors.lastUsedStep), lt(mfaFactors.lastUsedStep, step))))
    .returning({ userId: mfaFactors.userId });
  return won.length === 1;
}

async function replaceRecoveryCodes(db: DbOrTx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await db.insert(mfaRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  return codes;
}

/**
 * Ends every session of the user (the session version moves on) inside a change of their second factor; the caller
 * re-issues the current browser's session with the returned version (a one-time ticket), so a session opened before
 * the change — possibly by someone who had only the password — does not survive it.
 */
async function rotateSessions(tx: DbOrTx, userId: string): Promise<number> {
  const [u] = await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sv: users.sessionVersion });
  if (!u) throw new UserError("invalid", "Your account was not found.");
  return u.sv;
}

/**
 * Confirms enrolment with a first code; returns the ten recovery codes (shown once, stored hashed) and a ticket that
 * re-issues this browser's session: every earlier session ends (rotation on enrolment).
 */
export async function confirmEnrolment(
  userId: string,
  code: string,
  ip: string | null,
): Promise<{ recoveryCodes: string[]; ticket: string }> {
  const { codes, sv } = await getDb().transaction(async (tx) => {
    if (!(await acceptTotp(tx, userId, code, true))) throw new UserError("invalid", WRONG_CODE, { code: [WRONG_CODE] });
    await tx.update(mfaFactors).set({ enabledAt: new Date() }).where(eq(mfaFactors.userId, userId));
    const codes = await replaceRecoveryCodes(tx, userId);
    await writeAudit(tx, { actorUserId: userId, action: "user.mfa_enabled", targetType: "user", targetId: userId, ip });
    return { codes, sv: await rotateSessions(tx, userId) };
  });
  return { recoveryCodes: codes, ticket: await issueSessionTicket(userId, sv) };
}

/**
 * The second factor at sign-in or for a sensitive change: a current TOTP code (once per step) or an unused
 * recovery code (spent here, audited). Returns how it was proven, or null.
 */
export async function verifySecondFactor(
  tx: DbOrTx,
  userId: string,
  code: string,
  ip: string | null,
): Promise<"totp" | "recovery" | null> {
  if (await acceptTotp(tx, userId, code, false)) return "totp";
  if (!looksLikeRecoveryCode(code) || !(await hasMfa(userId, tx))) return null;
  const [used] = await tx
    .update(mfaRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(mfaRecoveryCodes.userId, userId),
        eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: mfaRecoveryCodes.id });
  if (!used) return null;
  await writeAudit(tx, {
    actorUserId: userId,
    action: "user.mfa_recovery_code_used",
    targetType: "user",
    targetId: userId,
    ip,
  });
  return "recovery";
}

/**
 * Turns MFA off (the caller has re-proven the password or a code); deletes the secret and every code. Sessions are
 * rotated as on enrolment; returns the ticket that re-issues this browser's session.
 */
export async function disableMfa(userId: string, ip: string | null): Promise<string> {
  const sv = await getDb().transaction(async (tx) => {
    const gone = await tx
      .delete(mfaFactors)
      .where(eq(mfaFactors.userId, userId))
      .returning({ at: mfaFactors.enabledAt });
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    if (gone[0]?.at)
      await writeAudit(tx, {
        actorUserId: userId,
        action: "user.mfa_disabled",
        targetType: "user",
        targetId: userId,
        ip,
      });
    return rotateSessions(tx, userId);
  });
  return issueSessionTicket(userId, sv);
}

/** A fresh set of ten recovery codes; every earlier code stops working. */
export async function regenerateRecoveryCodes(userId: string, ip: string | null): Promise<string[]> {
  return getDb().transaction(async (tx) => {
    if (!(await hasMfa(userId, tx))) throw new UserError("invalid", "Two-factor authentication is off.");
    const codes = await replaceRecoveryCodes(tx, userId);
    await writeAudit(tx, {
      actorUserId: userId,
      action: "user.mfa_recovery_codes_regenerated",
      targetType: "user",
      targetId: userId,
      ip,
    });
    return codes;
  });
}
