import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, mailMessages, passwordTokens, users } from "@/db/schema";
import { setPasswordAction } from "@/lib/actions/password";
import { requireSessionUser } from "@/lib/auth/guard";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { isLoginThrottled, recordLoginFailure } from "@/lib/auth/throttle";
import { signOutEverywhereAction } from "@/lib/actions/account";
import { runAsSession } from "@/lib/auth/session";
import { changePassword } from "@/lib/services/account/password";
import { passwordProblem } from "@/lib/services/account/password-strength";
import { requestPasswordReset } from "@/lib/services/account/reset";
import { consumeSessionTicket } from "@/lib/auth/login-challenges";
import { hashToken } from "@/lib/services/users/password-tokens";
import { captureMail } from "@/tests/helpers/mail";
import { openForBlock } from "@/tests/helpers/for-file";
import { linkIn } from "@/tests/helpers/smtp";
import { makeTenants, type Tenants, type TestUser } from "@/tests/helpers/tenants";

const PASSWORD = "a-long-test-password-42";
let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
  for (const u of [t.adminA, t.staffA, t.adminB, t.agent])
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(users.id, u.id));
});
afterAll(closeDb);

const sv = async (u: TestUser) =>
  (await getDb().select({ sv: users.sessionVersion }).from(users).where(eq(users.id, u.id)))[0]!.sv;
const audits = async (userId: string) =>
  (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, userId))).map(
    (r) => r.action,
  );

describe("password strength", () => {
  it("needs 12+ characters, not the email, not a common password", () => {
    expect(passwordProblem("short-pass", "a@b.test")).toMatch(/12/);
    expect(passwordProblem("owner@acme.test", "owner@acme.test")).toMatch(/email/);
    expect(passwordProblem("Password1234", "a@b.test")).toMatch(/common/);
    expect(passwordProblem("demo-pass-2026", "a@b.test")).toMatch(/common/);
    expect(passwordProblem("aaaaaaaaaaaaaaaa", "a@b.test")).toMatch(/common/);
    expect(passwordProblem("maple-syrup-river-9", "a@b.test")).toBeNull();
  });
});

describe("change password", () => {
  it("checks the current password and the strength rule, then ends every other session and re-issues this one", async () => {
    const u = t.adminA;
    const ip = "192.0.2.10";
    await expect(
      changePassword(u.id, { current: "wrong-password", password: "maple-syrup-river-9" }, ip),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { current: [expect.any(String)] } });
    await expect(changePassword(u.id, { current: PASSWORD, password: "short" }, ip)).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/12/)] },
    });
    await expect(changePassword(u.id, { current: PASSWORD, password: u.email }, ip)).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/email/)] },
    });
    await expect(changePassword(u.id, { current: PASSWORD, password: "password1234" }, ip)).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/common/)] },
    });
    expect(await sv(u)).toBe(u.claims.sessionVersion);

    const ticket = await changePassword(u.id, { current: PASSWORD, password: "maple-syrup-river-9" }, ip);
    const newSv = await sv(u);
    expect(newSv).toBe(u.claims.sessionVersion + 1);
    // Every session issued before (this browser's old cookie and any other) is refused now...
    await expect(requireSessionUser(u.claims)).rejects.toMatchObject({ code: "unauthenticated" });
    // ...and the current one is re-issued under the new version by a one-time ticket.
    const reissued = await consumeSessionTicket(ticket);
    expect(reissued).toMatchObject({ id: u.id, sessionVersion: newSv });
    expect(await consumeSessionTicket(ticket)).toBeNull();
    await expect(requireSessionUser({ userId: u.id, sessionVersion: newSv })).resolves.toMatchObject({ id: u.id });
    const [row] = await getDb().select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id));
    expect(await verifyPassword(row!.h, "maple-syrup-river-9")).toBe(true);
    expect(await audits(u.id)).toContain("user.password_changed");
  });

  it("counts a wrong current password against the sign-in throttle", async () => {
    const u = t.agent;
    for (let i = 0; i < 10; i++)
      await expect(
        changePassword(u.id, { current: `nope-${i}`, password: "maple-syrup-river-9" }, `192.0.2.${20 + i}`),
      ).rejects.toMatchObject({ code: "invalid" });
    await expect(
      changePassword(u.id, { current: PASSWORD, password: "maple-syrup-river-9" }, "192.0.2.99"),
    ).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user and is audited", async () => {
    const u = t.staffA;
    const res = await runAsSession(u.claims, () => signOutEverywhereAction({}));
    expect(res).toEqual({ ok: true, data: { signedOut: true } });
    // Again with the old session: it is already over.
    const again = await runAsSession(u.claims, () => signOutEverywhereAction({}));
    expect(again).toMatchObject({ ok: false, code: "unauthenticated" });
    await expect(requireSessionUser(u.claims)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await audits(u.id)).toContain("user.signed_out_everywhere");
  });
});

describe("password reset by one-time link", () => {
  const mail = openForBlock(captureMail);
  const delivered = new Set<string>();
  /** The reset mail this request delivered over SMTP (the next one to this address not seen before). */
  const nextLink = async (email: string) => {
    const m = await mail.waitFor((x) => x.to.includes(email) && !delivered.has(x.messageId));
    delivered.add(m.messageId);
    return { mail: m, token: linkIn(m, "/reset-password/")!.split("/").pop()! };
  };

  it("emails a link to a known address only; an unknown address gets nothing and stores nothing", async () => {
    const before = await getDb().select({ id: mailMessages.id }).from(mailMessages);
    await expect(requestPasswordReset("nobody-here@t.test", "198.18.0.1")).resolves.toBeUndefined();
    expect(await getDb().select({ id: mailMessages.id }).from(mailMessages)).toHaveLength(before.length);

    const u = t.adminB;
    await requestPasswordReset(u.email, "198.18.0.2");
    const m = await nextLink(u.email);
    expect(m.mail.subject).toMatch(/reset/i);
    expect(m.mail.html).toContain(`/reset-password/${m.token}`);
    expect(m.token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const [tok] = await getDb()
      .select()
      .from(passwordTokens)
      .where(eq(passwordTokens.tokenHash, hashToken(m.token)));
    expect(tok).toMatchObject({ userId: u.id, purpose: "reset_password", usedAt: null });
    const ttl = tok!.expiresAt.getTime() - tok!.createdAt.getTime();
    expect(ttl).toBeGreaterThan(59 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000 + 1000);
    expect(JSON.stringify(tok)).not.toContain(m.token);
    // The delivery log keeps no readable copy of the link.
    const logged = await getDb().select().from(mailMessages).where(eq(mailMessages.to, u.email));
    expect(JSON.stringify(logged)).not.toContain(m.token);
  });

  it("resets once, bumps the session version, clears the account's throttle; a newer link voids older ones", async () => {
    const u = t.adminB;
    await requestPasswordReset(u.email, "198.18.0.5");
    const first = (await nextLink(u.email)).token;
    await requestPasswordReset(u.email, "198.18.0.3");
    const second = (await nextLink(u.email)).token;
    expect(second).not.toBe(first);
    const stale = await setPasswordAction({
      token: first,
      password: "maple-syrup-river-9",
      confirm: "maple-syrup-river-9",
    });
    expect(stale).toMatchObject({ ok: false, code: "invalid" });

    for (let i = 0; i < 10; i++) await recordLoginFailure(u.email, `198.18.1.${i}`);
    expect(await isLoginThrottled(u.email, "198.18.2.1")).toBe(true);
    const weak = await setPasswordAction({ token: second, password: u.email, confirm: u.email });
    expect(weak).toMatchObject({ ok: false, code: "invalid", fieldErrors: { password: [expect.any(String)] } });
    const svBefore = await sv(u);
    const ok = await setPasswordAction({
      token: second,
      password: "maple-syrup-river-9",
      confirm: "maple-syrup-river-9",
    });
    expect(ok).toEqual({ ok: true, data: { email: u.email } });
    expect(await sv(u)).toBe(svBefore + 1);
    expect(await isLoginThrottled(u.email, "198.18.2.1")).toBe(false);
    expect(await audits(u.id)).toContain("user.password_reset");
    const reuse = await setPasswordAction({ token: second, password: "another-river-77", confirm: "another-river-77" });
    expect(reuse).toMatchObject({ ok: false, code: "invalid" });
  });

  it("refuses an expired link", async () => {
    const u = t.agent;
    await requestPasswordReset(u.email, "198.18.0.4");
    const { token } = await nextLink(u.email);
    await getDb()
      .update(passwordTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordTokens.tokenHash, hashToken(token)));
    const res = await setPasswordAction({ token, password: "maple-syrup-river-9", confirm: "maple-syrup-river-9" });
    expect(res).toMatchObject({ ok: false, code: "invalid" });
  });

  it("throttles requests per account (3 an hour) and per IP (20 an hour)", async () => {
    const email = t.staffA.email;
    for (let i = 0; i < 3; i++) await requestPasswordReset(email, `198.18.3.${i}`);
    await expect(requestPasswordReset(email, "198.18.3.9")).rejects.toMatchObject({ code: "rate_limited" });
    const ip = "198.18.4.1";
    for (let i = 0; i < 20; i++) await requestPasswordReset(`unknown-${i}@t.test`, ip);
    await expect(requestPasswordReset("unknown-x@t.test", ip)).rejects.toMatchObject({ code: "rate_limited" });
    const links = await getDb()
      .select({ id: passwordTokens.id })
      .from(passwordTokens)
      .where(and(eq(passwordTokens.userId, t.staffA.id), isNull(passwordTokens.usedAt)));
    expect(links).toHaveLength(1);
  });
});
