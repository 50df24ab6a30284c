import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { agentAssignments, memberships, users } from "@/db/schema";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/actions/settings";
import { MfaEnrolmentRequired } from "@/lib/auth/errors";
import { authorize, requireSessionUser } from "@/lib/auth/guard";
import { hashPassword } from "@/lib/auth/password";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { parseEnv, resetEnvCache } from "@/lib/env";
import { confirmEnrolment, disableMfa, startEnrolment } from "@/lib/services/account/mfa";
import { changePassword } from "@/lib/services/account/password";
import { consumeSessionTicket } from "@/lib/auth/login-challenges";
import { totpCode } from "@/lib/services/account/totp";
import { makeTenants, makeUser, type Tenants } from "@/tests/helpers/tenants";

/**
 * Finding 12 of the security review (session hygiene): the session is rotated when privileges change and when MFA is
 * enrolled; a password change signs out everywhere; admins need MFA in production.
 */

let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
});
afterAll(async () => {
  await closeDb();
});

async function sessionVersion(userId: string): Promise<number> {
  const [u] = await getDb().select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return u!.sv;
}

const alive = (c: SessionClaims) =>
  requireSessionUser(c, { allowWithoutMfa: true }).then(
    () => true,
    () => false,
  );

describe("session rotation", () => {
  it("on MFA enrolment: every earlier session ends, this one is re-issued under the new version", async () => {
    const u = await makeUser(`mfa-rotate-${Date.now()}@t.test`, "merchant_staff", { merchantId: t.merchantA });
    const { secret } = await startEnrolment(u.id);
    const { recoveryCodes, ticket } = await confirmEnrolment(u.id, totpCode(secret.replace(/\s+/g, "")), null);
    expect(recoveryCodes).toHaveLength(10);
    expect(await alive(u.claims)).toBe(false);
    const reissued = await consumeSessionTicket(ticket);
    expect(reissued).toMatchObject({ id: u.id, sessionVersion: u.claims.sessionVersion + 1 });
    expect(await alive({ userId: u.id, sessionVersion: reissued!.sessionVersion })).toBe(true);

    // Turning MFA off is a change of the same weight: rotated too.
    const before = await sessionVersion(u.id);
    const ticket2 = await disableMfa(u.id, null);
    expect(await sessionVersion(u.id)).toBe(before + 1);
    expect(await consumeSessionTicket(ticket2)).toMatchObject({ sessionVersion: before + 1 });
  });

  it("on a role change or a removal by an admin: the affected user's sessions end (whatever path changed the row)", async () => {
    const staff = await makeUser(`role-rotate-${Date.now()}@t.test`, "merchant_staff", { merchantId: t.merchantA });
    const promoted = await runAsSession(t.adminA.claims, () =>
      changeMemberRoleAction({ merchantId: t.merchantA, userId: staff.id, role: "merchant_admin" }),
    );
    expect(promoted).toMatchObject({ ok: true });
    expect(await alive(staff.claims)).toBe(false);
    const promotedClaims = { userId: staff.id, sessionVersion: await sessionVersion(staff.id) };
    expect(await alive(promotedClaims)).toBe(true);

    const removed = await runAsSession(t.adminA.claims, () =>
      removeMemberAction({ merchantId: t.merchantA, userId: staff.id }),
    );
    expect(removed).toMatchObject({ ok: true });
    expect(await alive(promotedClaims)).toBe(false);

    // An agent losing an assigned merchant, or an agent made admin of the partner, is rotated too.
    const agent = await makeUser(`agent-rotate-${Date.now()}@t.test`, "partner_agent", { partnerId: t.partnerId });
    await getDb().insert(agentAssignments).values({ userId: agent.id, merchantId: t.merchantA });
    const agentClaims = { userId: agent.id, sessionVersion: await sessionVersion(agent.id) };
    await getDb().delete(agentAssignments).where(eq(agentAssignments.userId, agent.id));
    expect(await alive(agentClaims)).toBe(false);
    const again = { userId: agent.id, sessionVersion: await sessionVersion(agent.id) };
    await getDb().update(memberships).set({ role: "partner_admin" }).where(eq(memberships.userId, agent.id));
    expect(await alive(again)).toBe(false);
  });

  it("a new membership (an invitation to another merchant) does not end the user's sessions", async () => {
    const u = await makeUser(`invite-keep-${Date.now()}@t.test`, "merchant_staff", { merchantId: t.merchantA });
    await getDb().insert(memberships).values({ userId: u.id, merchantId: t.merchantB, role: "merchant_staff" });
    expect(await alive(u.claims)).toBe(true);
  });

  it("a password change signs out everywhere (every earlier session), re-issuing only this one", async () => {
    const u = await makeUser(`pw-rotate-${Date.now()}@t.test`, "merchant_staff", { merchantId: t.merchantA });
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword("first-password-long-1") })
      .where(eq(users.id, u.id));
    const ticket = await changePassword(
      u.id,
      { current: "first-password-long-1", password: "zebra-quantum-47-lamp" },
      "local",
    );
    expect(await alive(u.claims)).toBe(false);
    expect(await consumeSessionTicket(ticket)).toMatchObject({ sessionVersion: u.claims.sessionVersion + 1 });
  });
});

describe("admin MFA in production", () => {
  afterEach(() => {
    delete process.env.REQUIRE_ADMIN_MFA;
    delete process.env.NODE_ENV_OVERRIDE;
    resetEnvCache();
  });

  it("is required by default with NODE_ENV=production and the sandboxes off, and cannot be turned off there", () => {
    const prod = { NODE_ENV: "production", DATABASE_URL: "postgres://x" };
    expect(parseEnv(prod).adminMfaRequired).toBe(true);
    expect(() => parseEnv({ ...prod, REQUIRE_ADMIN_MFA: "off" })).toThrow(/REQUIRE_ADMIN_MFA/);
    // The demo (sandboxes on) and development keep password-only admin sign-in unless asked.
    expect(parseEnv({ ...prod, SANDBOX: "on" }).adminMfaRequired).toBe(false);
    expect(parseEnv({ ...prod, SANDBOX: "on", REQUIRE_ADMIN_MFA: "on" }).adminMfaRequired).toBe(true);
    expect(parseEnv({ NODE_ENV: "development" }).adminMfaRequired).toBe(false);
  });

  it("sends an admin without MFA to enrolment on the next sign-in; staff are not asked", async () => {
    process.env.REQUIRE_ADMIN_MFA = "on";
    resetEnvCache();
    const tenants = await makeTenants();
    await expect(
      authorize(tenants.adminA.claims, { merchantId: tenants.merchantA }, "merchant:view"),
    ).rejects.toBeInstanceOf(MfaEnrolmentRequired);
    await expect(
      authorize(tenants.staffA.claims, { merchantId: tenants.merchantA }, "merchant:view"),
    ).resolves.toMatchObject({ role: "merchant_staff" });
  });
});
