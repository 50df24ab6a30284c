import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, loginChallenges, mfaFactors, mfaRecoveryCodes, users } from "@/db/schema";
import {
  confirmMfaEnrolmentAction,
  disableMfaAction,
  regenerateRecoveryCodesAction,
  startMfaEnrolmentAction,
} from "@/lib/actions/account";
import { MfaEnrolmentRequired } from "@/lib/auth/errors";
import { authorize, requireSessionUser } from "@/lib/auth/guard";
import { requireAccountPage, requireMerchantPage } from "@/lib/auth/page";
import { hashPassword } from "@/lib/auth/password";
import { runAsSession } from "@/lib/auth/session";
import { isLoginThrottled } from "@/lib/auth/throttle";
import { unseal } from "@/lib/crypto/keys";
import { resetEnvCache } from "@/lib/env";
import { getMfaStatus } from "@/lib/services/account/mfa";
import { consumeSessionTicket, createMfaChallenge } from "@/lib/auth/login-challenges";
import { ChallengeExpired, completeMfaChallenge } from "@/lib/services/account/sign-in";
import { PERIOD, totpCode } from "@/lib/services/account/totp";
import { makeTenants, type Tenants, type TestUser } from "@/tests/helpers/tenants";

const PASSWORD = "a-long-test-password-42";
let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
});
afterAll(closeDb);

async function withPassword(u: TestUser) {
  await getDb()
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, u.id));
}

/**
 * Enrolling or disabling MFA rotates the user's sessions (the browser's is re-issued by the action): the test's claims
 * follow the new session version, as the browser's re-issued cookie does.
 */
async function followRotation(u: TestUser) {
  const [row] = await getDb().select({ sv: users.sessionVersion }).from(users).where(eq(users.id, u.id));
  u.claims.sessionVersion = row!.sv;
}

/** Enrols `u` through the actions; returns the base32 secret and the recovery codes. */
async function enrol(u: TestUser): Promise<{ secret: string; codes: string[]; used: string }> {
  const started = await runAsSession(u.claims, () => startMfaEnrolmentAction({}));
  if (!started.ok) throw new Error(started.error);
  const secret = started.data.secret.replace(/\s+/g, "");
  const used = totpCode(secret);
  const confirmed = await runAsSession(u.claims, () => confirmMfaEnrolmentAction({ code: used }));
  if (!confirmed.ok) throw new Error(confirmed.error);
  await followRotation(u);
  return { secret, codes: confirmed.data.recoveryCodes, used };
}

const audits = async (userId: string) =>
  (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, userId))).map(
    (r) => r.action,
  );

/** A code of the next 30-second step (accepted within the ±1 step window, later than any code used now). */
const nextCode = (secret: string, steps = 1) => totpCode(secret, Date.now() + steps * PERIOD * 1000);

describe("TOTP enrolment", () => {
  it("shows a QR code and the base32 secret, stores the secret sealed, and confirms with a code", async () => {
    const u = t.staffA;
    const started = await runAsSession(u.claims, () => startMfaEnrolmentAction({}));
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.data.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(started.data.uri).toMatch(/^otpauth:\/\/totp\/Merchant%20Portal:.*secret=/);
    const secret = started.data.secret.replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const [row] = await getDb().select().from(mfaFactors).where(eq(mfaFactors.userId, u.id));
    expect(row!.secretEnc).not.toContain(secret);
    expect(unseal(row!.secretEnc, "mfa-totp-secret", `mfa_factors/${u.id}/secret_enc`)).toBe(secret);
    expect(row!.enabledAt).toBeNull();
    expect((await getMfaStatus(u.id)).enabled).toBe(false);

    const wrong = await runAsSession(u.claims, () =>
      confirmMfaEnrolmentAction({ code: totpCode(secret, Date.now() - 10 * PERIOD * 1000) }),
    );
    expect(wrong).toMatchObject({ ok: false, code: "invalid", fieldErrors: { code: [expect.any(String)] } });
    const malformed = await runAsSession(u.claims, () => confirmMfaEnrolmentAction({ code: "12ab" }));
    expect(malformed).toMatchObject({ ok: false, code: "invalid", fieldErrors: { code: [expect.any(String)] } });

    const before = u.claims.sessionVersion;
    const ok = await runAsSession(u.claims, () => confirmMfaEnrolmentAction({ code: totpCode(secret) }));
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    await followRotation(u);
    expect(u.claims.sessionVersion).toBe(before + 1);
    expect(ok.data.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.data.recoveryCodes).size).toBe(10);
    for (const c of ok.data.recoveryCodes) expect(c).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const stored = await getDb().select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, u.id));
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const c of ok.data.recoveryCodes) expect(dump).not.toContain(c.replace(/-/g, ""));
    expect(await getMfaStatus(u.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(await audits(u.id)).toContain("user.mfa_enabled");

    // An enabled factor cannot be swapped from an open session without disabling it first.
    const again = await runAsSession(u.claims, () => startMfaEnrolmentAction({}));
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("second sign-in step", () => {
  let u: TestUser;
  let secret: string;
  let codes: string[];
  let enrolCode: string;
  beforeAll(async () => {
    u = t.adminA;
    await withPassword(u);
    ({ secret, codes, used: enrolCode } = await enrol(u));
  });

  it("issues a one-time session ticket only after a right code; the same code cannot be replayed", async () => {
    const challenge = await createMfaChallenge(u.id, u.claims.sessionVersion);
    // The code that confirmed enrolment belongs to the current step: replaying it is refused.
    await expect(completeMfaChallenge(challenge, enrolCode, "198.51.100.1")).rejects.toMatchObject({
      code: "invalid",
    });
    const code = nextCode(secret);
    const ticket = await completeMfaChallenge(challenge, code, "198.51.100.1");
    const user = await consumeSessionTicket(ticket);
    expect(user).toMatchObject({ id: u.id, sessionVersion: u.claims.sessionVersion });
    expect(await consumeSessionTicket(ticket)).toBeNull();
    // The challenge is spent, and the same code on a fresh challenge is a replay.
    await expect(completeMfaChallenge(challenge, nextCode(secret, 2), "198.51.100.1")).rejects.toBeInstanceOf(
      ChallengeExpired,
    );
    const fresh = await createMfaChallenge(u.id, u.claims.sessionVersion);
    await expect(completeMfaChallenge(fresh, code, "198.51.100.1")).rejects.toMatchObject({ code: "invalid" });
    // A session ticket is not a challenge and vice versa.
    expect(await consumeSessionTicket(fresh)).toBeNull();
  });

  it("accepts each recovery code once, and audits its use", async () => {
    const c1 = await createMfaChallenge(u.id, u.claims.sessionVersion);
    const ticket = await completeMfaChallenge(c1, codes[0]!.toUpperCase(), "198.51.100.2");
    expect(await consumeSessionTicket(ticket)).toMatchObject({ id: u.id });
    const c2 = await createMfaChallenge(u.id, u.claims.sessionVersion);
    await expect(completeMfaChallenge(c2, codes[0]!, "198.51.100.2")).rejects.toMatchObject({ code: "invalid" });
    expect(await audits(u.id)).toContain("user.mfa_recovery_code_used");
    expect((await getMfaStatus(u.id)).recoveryCodesLeft).toBe(9);
  });

  it("allows five codes per challenge, and a password change voids a pending challenge", async () => {
    const c = await createMfaChallenge(u.id, u.claims.sessionVersion);
    for (let i = 0; i < 5; i++)
      await expect(completeMfaChallenge(c, "000000", `198.51.100.${10 + i}`)).rejects.toMatchObject({
        code: "invalid",
      });
    await expect(completeMfaChallenge(c, nextCode(secret, 1), "198.51.100.20")).rejects.toBeInstanceOf(
      ChallengeExpired,
    );
    const [row] = await getDb().select().from(loginChallenges).where(eq(loginChallenges.userId, u.id)).limit(1);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const stale = await createMfaChallenge(u.id, u.claims.sessionVersion - 1);
    await expect(completeMfaChallenge(stale, nextCode(secret, 1), "198.51.100.21")).rejects.toBeInstanceOf(
      ChallengeExpired,
    );
  });

  it("regenerating recovery codes needs a current code or the password and voids the old set", async () => {
    const noProof = await runAsSession(u.claims, () => regenerateRecoveryCodesAction({}));
    expect(noProof).toMatchObject({ ok: false, code: "invalid", fieldErrors: { code: [expect.any(String)] } });
    const wrong = await runAsSession(u.claims, () => regenerateRecoveryCodesAction({ password: "not-the-password" }));
    expect(wrong).toMatchObject({ ok: false, code: "invalid", fieldErrors: { current: [expect.any(String)] } });
    const res = await runAsSession(u.claims, () => regenerateRecoveryCodesAction({ password: PASSWORD }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const c = await createMfaChallenge(u.id, u.claims.sessionVersion);
    await expect(completeMfaChallenge(c, codes[1]!, "198.51.100.30")).rejects.toMatchObject({ code: "invalid" });
    const ticket = await completeMfaChallenge(c, res.data.recoveryCodes[0]!, "198.51.100.30");
    expect(await consumeSessionTicket(ticket)).toMatchObject({ id: u.id });
    expect(await audits(u.id)).toContain("user.mfa_recovery_codes_regenerated");
  });
});

describe("second-step throttling", () => {
  it("counts wrong codes against the account's sign-in budget: after ten, even a right code is refused", async () => {
    const u = t.adminB;
    const { secret } = await enrol(u);
    let challenge = await createMfaChallenge(u.id, u.claims.sessionVersion);
    for (let i = 0; i < 10; i++) {
      if (i % 5 === 0) challenge = await createMfaChallenge(u.id, u.claims.sessionVersion);
      await expect(completeMfaChallenge(challenge, "000000", `203.0.113.${i + 1}`)).rejects.toMatchObject({
        code: "invalid",
      });
    }
    expect(await isLoginThrottled(u.email, "203.0.113.99")).toBe(true);
    const c = await createMfaChallenge(u.id, u.claims.sessionVersion);
    await expect(completeMfaChallenge(c, nextCode(secret), "203.0.113.99")).rejects.toMatchObject({
      code: "rate_limited",
    });
  });
});

describe("disabling MFA", () => {
  it("needs a current code or the password, deletes the secret and codes, and is audited", async () => {
    const u = t.partnerAdmin;
    await withPassword(u);
    const { secret } = await enrol(u);
    const wrong = await runAsSession(u.claims, () => disableMfaAction({ code: "123456" }));
    expect(wrong).toMatchObject({ ok: false, code: "invalid", fieldErrors: { code: [expect.any(String)] } });
    expect((await getMfaStatus(u.id)).enabled).toBe(true);
    const ok = await runAsSession(u.claims, () => disableMfaAction({ code: nextCode(secret) }));
    expect(ok).toEqual({ ok: true, data: { disabled: true } });
    await followRotation(u);
    expect(await getDb().select().from(mfaFactors).where(eq(mfaFactors.userId, u.id))).toEqual([]);
    expect(await getDb().select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, u.id))).toEqual([]);
    expect(await audits(u.id)).toContain("user.mfa_disabled");
    const rows = await getDb()
      .select({ merchantId: auditLog.merchantId, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, u.id), eq(auditLog.action, "user.mfa_disabled")));
    expect(rows).toEqual([{ merchantId: null, actor: u.id }]);
  });
});

describe("REQUIRE_ADMIN_MFA", () => {
  afterEach(() => {
    delete process.env.REQUIRE_ADMIN_MFA;
    resetEnvCache();
  });

  it("off (default): an admin without MFA works as before", async () => {
    const ctx = await authorize(t.partnerAdmin.claims, { merchantId: t.merchantA }, "settings:manage");
    expect(ctx.role).toBe("merchant_admin");
  });

  it("on: admins without MFA are refused everything but their account; staff and enrolled admins are not", async () => {
    process.env.REQUIRE_ADMIN_MFA = "on";
    resetEnvCache();
    const tenants = await makeTenants();
    await expect(
      authorize(tenants.adminA.claims, { merchantId: tenants.merchantA }, "merchant:view"),
    ).rejects.toBeInstanceOf(MfaEnrolmentRequired);
    await expect(
      authorize(tenants.partnerAdmin.claims, { partnerId: tenants.partnerId }, "partner:view"),
    ).rejects.toBeInstanceOf(MfaEnrolmentRequired);
    await expect(requireSessionUser(tenants.adminA.claims)).rejects.toBeInstanceOf(MfaEnrolmentRequired);
    // Their own account is reachable: that is where they enrol.
    expect(await requireSessionUser(tenants.adminA.claims, { allowWithoutMfa: true })).toMatchObject({
      id: tenants.adminA.id,
    });
    const staff = await authorize(tenants.staffA.claims, { merchantId: tenants.merchantA }, "merchant:view");
    expect(staff.role).toBe("merchant_staff");
    // Pages send them to enrolment first; their account page itself opens.
    const page = runAsSession(tenants.adminA.claims, () => requireMerchantPage(tenants.merchantA));
    await expect(page).rejects.toMatchObject({ digest: expect.stringContaining("/account/security?required=mfa") });
    await expect(runAsSession(tenants.adminA.claims, () => requireAccountPage())).resolves.toMatchObject({
      id: tenants.adminA.id,
    });
    await enrol(tenants.adminA);
    const ctx = await authorize(tenants.adminA.claims, { merchantId: tenants.merchantA }, "merchant:view");
    expect(ctx.role).toBe("merchant_admin");
    await expect(
      runAsSession(tenants.adminA.claims, () => requireMerchantPage(tenants.merchantA)),
    ).resolves.toMatchObject({
      role: "merchant_admin",
    });
  });
});
