import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as statusRoute } from "@/app/api/partner/[partnerId]/applications/[applicationId]/status/route";
import { getDb } from "@/db/client";
import {
  auditLog,
  boardingApplications,
  memberships,
  merchants,
  mailMessages,
  partnerIntegrations,
  passwordTokens,
  users,
} from "@/db/schema";
import {
  resendSignatureAction,
  saveBoardingDraftAction,
  submitBoardingApplicationAction,
} from "@/lib/actions/boarding";
import { setPasswordAction } from "@/lib/actions/password";
import { runAsSession } from "@/lib/auth/session";
import { verifyPassword } from "@/lib/auth/password";
import { unsealPartnerCredentials } from "@/lib/services/partners/copilot";
import { hashToken } from "@/lib/services/users/password-tokens";
import { captureMail } from "@/tests/helpers/mail";
import { linkIn } from "@/tests/helpers/smtp";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { application, control, serveBoardingOrigin } from "./origin";
import { openForBlock, openForFile } from "@/tests/helpers/for-file";

let t: Tenants;
const origin = openForFile(serveBoardingOrigin);
const mail = openForBlock(captureMail);
beforeAll(async () => {
  t = await makeTenants();
});

const asPartner = <T>(fn: () => Promise<T>) => runAsSession(t.partnerAdmin.claims, fn);

async function status(applicationId: string) {
  const res = await asPartner(() =>
    statusRoute(new Request("http://portal.test/x"), {
      params: Promise.resolve({ partnerId: t.partnerId, applicationId }),
    }),
  );
  expect(res.status).toBe(200);
  return res.json();
}

async function copilotUsername() {
  const [row] = await getDb()
    .select({ c: partnerIntegrations.credentialsEnc, environment: partnerIntegrations.environment })
    .from(partnerIntegrations)
    .where(eq(partnerIntegrations.partnerId, t.partnerId));
  return unsealPartnerCredentials(row!.c, { partnerId: t.partnerId, environment: row!.environment }).username;
}

describe("boarding a merchant through CoPilot", () => {
  let applicationId = "";
  let setPasswordLink = "";
  const app = application();
  const ownerEmail = app.owners[0]!.email as string;

  it("saves a draft with SSNs and the bank account masked", async () => {
    const r = await asPartner(() => saveBoardingDraftAction({ partnerId: t.partnerId, ...app }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    applicationId = r.data.applicationId;
    const [row] = await getDb()
      .select({ draft: boardingApplications.draft, status: boardingApplications.status })
      .from(boardingApplications)
      .where(eq(boardingApplications.id, applicationId));
    const stored = JSON.stringify(row!.draft);
    expect(row!.status).toBe("draft");
    expect(stored).not.toContain("123-45-6789");
    expect(stored).not.toContain("987-65-4321");
    expect(stored).not.toContain("000123456789");
    expect(stored).toContain("XXX-XX-6789");
    expect(stored).toContain("••••6789");
  });

  it("submits to CoPilot (provisioning the partner's sandbox user), orders equipment and sends the signature link", async () => {
    const r = await asPartner(() => submitBoardingApplicationAction({ partnerId: t.partnerId, applicationId, ...app }));
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.data.signatureUrl).toMatch(/\/sandbox\/copilot\/sign\//);
    const view = await status(applicationId);
    expect(view.status).toBe("signature_sent");
    expect(view.copilotMerchantId).toMatch(/^\d+$/);
    // The owner gets the e-signature link by email.
    const esign = await mail.waitFor((m) => m.to.includes(ownerEmail) && m.text.includes(r.data.signatureUrl));
    expect(esign.subject).toContain("Maple Bakery");
  });

  it("sends a new signature link: the old one stops working (audited)", async () => {
    const before = await status(applicationId);
    const r = await asPartner(() => resendSignatureAction({ partnerId: t.partnerId, applicationId }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.signatureUrl).not.toBe(before.signatureUrl);
    expect((await fetch(before.signatureUrl)).status).toBe(404);
    expect((await status(applicationId)).signatureUrl).toBe(r.data.signatureUrl);
  });

  it("signs on the sandbox signing page and follows CoPilot to LIVE, then provisions the merchant once", async () => {
    const view = await status(applicationId);
    const signed = await fetch(view.signatureUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "agree=Y&personalGuarantee=Y",
    });
    expect(signed.status).toBeLessThan(400);
    expect((await status(applicationId)).status).toBe("signed");
    await control(origin.url, `merchants/${view.copilotMerchantId}/advance`, { to: "LIVE" });
    const [live, again] = await Promise.all([status(applicationId), status(applicationId)]);
    expect(live.status).toBe("live");
    expect(again.merchantId ?? live.merchantId).toBeTruthy();
    const final = await status(applicationId);
    expect(final.mid).toMatch(/^49\d{10}$/);
    // The partner sees that the welcome went out, never its link.
    expect(JSON.stringify(final)).not.toContain("/set-password/");
    const welcome = await mail.waitFor((m) => m.to.includes(ownerEmail) && m.subject.startsWith("Welcome"));
    setPasswordLink = linkIn(welcome, "/set-password/")!;
    expect(setPasswordLink).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect((await status(applicationId)).ownerWelcome).toMatchObject({ status: "sent" });

    const db = getDb();
    const created = await db.select().from(merchants).where(eq(merchants.id, final.merchantId));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      partnerId: t.partnerId,
      gateway: "cardpointe",
      name: "Maple Bakery",
      status: "live",
    });
    expect(created[0]!.credentialsEnc).toBeTruthy();
    const [owner] = await db.select().from(users).where(eq(users.email, ownerEmail));
    expect(owner!.passwordHash).toBeNull();
    const ms = await db.select().from(memberships).where(eq(memberships.userId, owner!.id));
    expect(ms).toEqual([expect.objectContaining({ merchantId: final.merchantId, role: "merchant_admin" })]);
    const mails = await db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.to, ownerEmail), eq(mailMessages.template, "merchant-welcome")));
    expect(mails).toHaveLength(1);
    const token = setPasswordLink.split("/").pop()!;
    const [tok] = await db.select().from(passwordTokens).where(eq(passwordTokens.userId, owner!.id));
    expect(tok!.tokenHash).toBe(hashToken(token));
    expect(tok!.tokenHash).not.toContain(token);

    const actions = (
      await db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.partnerId, t.partnerId))
    ).map((r) => r.a);
    for (const a of [
      "partner.copilot.provisioned",
      "boarding.draft_created",
      "boarding.submitted",
      "boarding.equipment_ordered",
      "boarding.signature_sent",
      "boarding.signature_resent",
      "boarding.status_changed",
      "boarding.merchant_provisioned",
    ])
      expect(actions).toContain(a);
  });

  it("the owner sets a password once through the link; the link then stops working", async () => {
    const token = setPasswordLink.split("/").pop()!;
    const short = await setPasswordAction({ token, password: "short", confirm: "short" });
    expect(short).toMatchObject({ ok: false, code: "invalid", fieldErrors: { password: [expect.any(String)] } });
    const ok = await setPasswordAction({ token, password: "maple-syrup-2026!", confirm: "maple-syrup-2026!" });
    expect(ok).toMatchObject({ ok: true, data: { email: ownerEmail } });
    const [owner] = await getDb().select().from(users).where(eq(users.email, ownerEmail));
    expect(await verifyPassword(owner!.passwordHash, "maple-syrup-2026!")).toBe(true);
    expect(owner!.sessionVersion).toBe(2);
    const reuse = await setPasswordAction({ token, password: "another-password-1", confirm: "another-password-1" });
    expect(reuse).toMatchObject({ ok: false, code: "invalid" });
  });

  it("puts a CoPilot field error (owner DOB, code 1113) on the wizard's date-of-birth field", async () => {
    // The portal checks ages on today's date; CoPilot checks them on its own (here: 2 years later) clock.
    await control(origin.url, "clock", { advance_seconds: 2 * 366 * 86_400, username: await copilotUsername() });
    const now = new Date();
    const dob = `${String(now.getUTCMonth() + 1).padStart(2, "0")}/01/${now.getUTCFullYear() - 120}`;
    const bad = application({ dbaName: "Old Timer Shop" });
    bad.owners[1] = { ...bad.owners[1]!, dob };
    const r = await asPartner(() => submitBoardingApplicationAction({ partnerId: t.partnerId, ...bad }));
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(["owners.1.dob"]);
    expect(r.fieldErrors!["owners.1.dob"]![0]).toMatch(/date of birth.*1113/i);
  });

  it("refuses a draft whose own rules fail before calling CoPilot, field by field", async () => {
    const bad = application({ zip: "1234", businessPhone: "5552013344", bankRoutingNum: "123456789" });
    bad.owners[0] = { ...bad.owners[0]!, ssn: "XXX-XX-6789" };
    const r = await asPartner(() => submitBoardingApplicationAction({ partnerId: t.partnerId, ...bad }));
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["bankRoutingNum", "businessPhone", "owners.0.ssn", "zip"]);
  });

  it("a declined application ends declined with a hint, and no merchant is created", async () => {
    const d = application({
      dbaName: "Decline Deli",
      legalBusinessName: "Decline Deli LLC",
      taxFilingName: "Decline Deli LLC",
    });
    const r = await asPartner(() => submitBoardingApplicationAction({ partnerId: t.partnerId, ...d }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const view = await status(r.data.applicationId);
    await control(origin.url, `merchants/${view.copilotMerchantId}/advance`, { to: "SIGNED" });
    await control(origin.url, `merchants/${view.copilotMerchantId}/advance`, { to: "DECLINED" });
    const final = await status(r.data.applicationId);
    expect(final.status).toBe("declined");
    expect(final.merchantId).toBeNull();
    expect(final.hints.join()).toMatch(/declined/i);
    expect(final.steps.find((s: { key: string }) => s.key === "approved")).toMatchObject({ state: "failed" });
    const rows = await getDb().select().from(merchants).where(eq(merchants.name, "Decline Deli"));
    expect(rows).toHaveLength(0);
  });

  it("a double submit sends one application to CoPilot: one intent (no draft yet) or two tabs on one draft", async () => {
    const d = application({ dbaName: "Twice Tea", legalBusinessName: "Twice Tea LLC", taxFilingName: "Twice Tea LLC" });
    const intentId = crypto.randomUUID();
    const [a, b] = await Promise.all([
      asPartner(() => submitBoardingApplicationAction({ partnerId: t.partnerId, intentId, ...d })),
      asPartner(() => submitBoardingApplicationAction({ partnerId: t.partnerId, intentId, ...d })),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    const rows = await getDb()
      .select({ id: boardingApplications.id, copilot: boardingApplications.copilotMerchantId })
      .from(boardingApplications)
      .where(eq(boardingApplications.partnerId, t.partnerId));
    const mine = rows.filter((r) => a.ok && r.id === a.data.applicationId);
    expect(mine).toHaveLength(1);
    expect(rows.filter((r) => r.copilot === mine[0]?.copilot)).toHaveLength(1);

    // Two tabs on one saved draft (two intents): the second finds it sent already; one CoPilot merchant.
    const saved = await asPartner(() =>
      saveBoardingDraftAction({ partnerId: t.partnerId, ...application({ dbaName: "Two Tabs Tacos" }) }),
    );
    if (!saved.ok) throw new Error(saved.error);
    const tabs = await Promise.all(
      [1, 2].map(() =>
        asPartner(() =>
          submitBoardingApplicationAction({
            partnerId: t.partnerId,
            applicationId: saved.data.applicationId,
            intentId: crypto.randomUUID(),
            ...application({ dbaName: "Two Tabs Tacos" }),
          }),
        ),
      ),
    );
    expect(tabs.filter((r) => r.ok)).toHaveLength(1);
    expect(tabs.filter((r) => !r.ok)).toMatchObject([{ code: "conflict" }]);
  });
});
