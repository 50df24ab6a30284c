import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as statusRoute } from "@/app/api/partner/[partnerId]/applications/[applicationId]/status/route";
import { getDb } from "@/db/client";
import { memberships, outbox, passwordTokens, users } from "@/db/schema";
import { saveBoardingDraftAction, submitBoardingApplicationAction } from "@/lib/actions/boarding";
import { forgotPasswordAction, setPasswordAction } from "@/lib/actions/password";
import { inviteMemberAction, removeMemberAction } from "@/lib/actions/settings";
import { hashPassword } from "@/lib/auth/password";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { resetEnvCache } from "@/lib/env";
import { issuePasswordToken } from "@/lib/services/users/password-tokens";
import { application, control, serveBoardingOrigin } from "@/tests/integration/boarding/origin";
import { renderPage } from "@/tests/helpers/render-text";
import { captureMail, type MailCapture } from "@/tests/helpers/mail";
import { linkIn } from "@/tests/helpers/smtp";
import { makeTenants, makeUser, type Tenants } from "@/tests/helpers/tenants";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Regression tests for the account takeovers of issue 15, each written against what a tenant, a staff member or an
 * agent could do with the portal as it was. They failed before the mail transport and the invitation rework.
 */

let t: Tenants;
const origin = openForFile(serveBoardingOrigin);
beforeAll(async () => {
  t = await makeTenants();
});

const tag = () => Math.random().toString(36).slice(2, 8);

async function usableSetPasswordTokens(userId: string) {
  return getDb()
    .select({ id: passwordTokens.id })
    .from(passwordTokens)
    .where(
      and(
        eq(passwordTokens.userId, userId),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, sql`now()`),
        eq(passwordTokens.purpose, "set_password"),
      ),
    );
}

/** Everything the merchant's outbox (or its successor) holds as text, as any member could have listed it. */
async function merchantOutboxText(merchantId: string) {
  const rows = await getDb().select().from(outbox).where(eq(outbox.merchantId, merchantId));
  return JSON.stringify(rows);
}

const invite = (claims: SessionClaims, merchantId: string, input: Record<string, unknown>) =>
  runAsSession(claims, () => inviteMemberAction({ merchantId, ...input }));

describe("finding 1: a tenant cannot take over another tenant's account through an invitation", () => {
  it("inviting the password-less owner of another merchant issues no set-password link and grants nothing yet", async () => {
    // The owner of merchant B was just boarded: an account without a password yet.
    const victim = await makeUser(`boarded-${tag()}@victim.test`, "merchant_admin", { merchantId: t.merchantB });
    const r = await invite(t.adminA.claims, t.merchantA, {
      email: victim.email,
      name: "Anyone",
      role: "merchant_staff",
    });
    expect(r.ok).toBe(true);
    // No link that sets this account's password exists, and nothing the inviter's merchant keeps mentions one.
    expect(await usableSetPasswordTokens(victim.id)).toEqual([]);
    expect(await merchantOutboxText(t.merchantA)).not.toContain("/set-password/");
    // The invitee joins only by accepting as themselves: no membership of A yet.
    const ms = await getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, victim.id), eq(memberships.merchantId, t.merchantA)));
    expect(ms).toEqual([]);
  });

  it("a set-password link stops working once a newer one is issued or the account has a password", async () => {
    const u = await makeUser(`twice-${tag()}@example.test`, "merchant_staff", { merchantId: t.merchantA });
    const first = await issuePasswordToken(getDb(), { userId: u.id, purpose: "set_password" });
    const second = await issuePasswordToken(getDb(), { userId: u.id, purpose: "set_password" });
    const stale = await setPasswordAction({
      token: first.token,
      password: "maple-syrup-river-9",
      confirm: "maple-syrup-river-9",
    });
    expect(stale).toMatchObject({ ok: false, code: "invalid" });
    // An account that got a password another way (here: directly) no longer accepts any set-password link.
    const third = await issuePasswordToken(getDb(), { userId: u.id, purpose: "set_password" });
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword("owner-chose-this-1") })
      .where(eq(users.id, u.id));
    for (const token of [second.token, third.token]) {
      const late = await setPasswordAction({ token, password: "attacker-chose-this", confirm: "attacker-chose-this" });
      expect(late).toMatchObject({ ok: false, code: "invalid" });
    }
  });

  it("removing an invitee before they set a password voids their link", async () => {
    const email = `removed-${tag()}@example.test`;
    const r = await invite(t.adminA.claims, t.merchantA, { email, name: "Removed Soon", role: "merchant_staff" });
    expect(r.ok).toBe(true);
    const [u] = await getDb().select().from(users).where(eq(users.email, email));
    const removed = await runAsSession(t.adminA.claims, () =>
      removeMemberAction({ merchantId: t.merchantA, userId: u!.id }),
    );
    expect(removed.ok).toBe(true);
    expect(await usableSetPasswordTokens(u!.id)).toEqual([]);
  });
});

describe("finding 2: no page shows one person's mail to another", () => {
  it("the demo mailbox shows nothing to a signed-out visitor, and a signed-in user never sees someone else's reset", async () => {
    const victim = await makeUser(`mailbox-victim-${tag()}@example.test`, "merchant_admin", {
      merchantId: t.merchantB,
    });
    expect(await forgotPasswordAction({ email: victim.email })).toMatchObject({ ok: true });
    const { default: MailboxPage } = await import("@/app/(auth)/mailbox/page");
    const anonymous = await renderPage(() => runAsSession(null, () => MailboxPage()));
    expect(anonymous.text).not.toContain(victim.email);
    expect(anonymous.text).not.toContain("/reset-password/");
    const attacker = await renderPage(() => runAsSession(t.staffA.claims, () => MailboxPage()));
    expect(attacker.text).not.toContain(victim.email);
    expect(attacker.text).not.toContain("/reset-password/");
  });
});

describe("finding 3: staff and agents never see credential links", () => {
  it("the merchant's message list shows staff and the assigned agent no invitation link of a new admin", async () => {
    const email = `new-admin-${tag()}@example.test`;
    expect(
      await invite(t.adminA.claims, t.merchantA, { email, name: "New Admin", role: "merchant_admin" }),
    ).toMatchObject({ ok: true });
    const { default: OutboxPage } = await import("@/app/(merchant)/m/[merchantId]/invoices/outbox/page");
    const props = { params: Promise.resolve({ merchantId: t.merchantA }), searchParams: Promise.resolve({}) };
    for (const who of [t.staffA, t.agent]) {
      const page = await renderPage(() => runAsSession(who.claims, () => OutboxPage(props)));
      expect(page.text).not.toContain("/set-password/");
      expect(page.text).not.toContain(email);
    }
  });

  it("the boarding status page and JSON never hand an agent the new owner's set-password link", async () => {
    const agent = await makeUser(`agent-${tag()}@t.test`, "partner_agent", { partnerId: t.partnerId });
    const app = application();
    const as = <T>(fn: () => Promise<T>) => runAsSession(agent.claims, fn);
    const saved = await as(() => saveBoardingDraftAction({ partnerId: t.partnerId, ...app }));
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const applicationId = saved.data.applicationId;
    const submitted = await as(() =>
      submitBoardingApplicationAction({ partnerId: t.partnerId, applicationId, ...app }),
    );
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
    const status = async () => {
      const res = await as(() =>
        statusRoute(new Request("http://portal.test/x"), {
          params: Promise.resolve({ partnerId: t.partnerId, applicationId }),
        }),
      );
      expect(res.status).toBe(200);
      return res.text();
    };
    const view = JSON.parse(await status()) as { signatureUrl: string; copilotMerchantId: string };
    await fetch(view.signatureUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "agree=Y&personalGuarantee=Y",
    });
    await control(origin.url, `merchants/${view.copilotMerchantId}/advance`, { to: "LIVE" });
    const live = await status();
    expect(JSON.parse(live)).toMatchObject({ status: "live" });
    expect(live).not.toContain("/set-password/");
    const owner = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, app.owners[0]!.email as string));
    // The owner's link exists, but only the owner's mailbox gets it.
    expect(await usableSetPasswordTokens(owner[0]!.id)).toHaveLength(1);
  });
});

describe("finding 4: a password reset is delivered by email outside sandbox mode", () => {
  let mail: MailCapture;
  const sandbox = process.env.SANDBOX;
  beforeAll(async () => {
    process.env.SANDBOX = "off";
    mail = await captureMail();
  });
  afterAll(async () => {
    await mail.close();
    process.env.SANDBOX = sandbox;
    resetEnvCache();
  });

  it("the reset link reaches the account's own mailbox over SMTP and works once", async () => {
    const u = await makeUser(`reset-${tag()}@example.test`, "merchant_admin", { merchantId: t.merchantA });
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword("forgotten-password-1") })
      .where(eq(users.id, u.id));
    expect(await forgotPasswordAction({ email: u.email })).toMatchObject({ ok: true });
    const m = await mail.waitFor((x) => x.to.includes(u.email));
    expect(m.to).toEqual([u.email]);
    const link = linkIn(m, "/reset-password/");
    expect(link).toBeTruthy();
    const token = link!.split("/").pop()!;
    const ok = await setPasswordAction({ token, password: "maple-syrup-river-9", confirm: "maple-syrup-river-9" });
    expect(ok).toMatchObject({ ok: true, data: { email: u.email } });
    const again = await setPasswordAction({ token, password: "another-river-77", confirm: "another-river-77" });
    expect(again).toMatchObject({ ok: false, code: "invalid" });
  });
});
