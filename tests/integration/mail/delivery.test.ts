import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailAttempts, mailMessages, merchants } from "@/db/schema";
import { env } from "@/lib/env";
import { renderMail } from "@/lib/mail/render";
import { enqueueMail } from "@/lib/services/mail/send";
import { TEMPLATES, type TemplateName, type TemplateProps } from "@/lib/mail/templates";
import { captureMail } from "@/tests/helpers/mail";
import { openForFile } from "@/tests/helpers/for-file";
import { linkIn } from "@/tests/helpers/smtp";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { waitFor } from "@/tests/helpers/wait";

/**
 * The mail queue end to end: enqueueMail in a transaction → pg-boss job → nodemailer → an SMTP server on loopback.
 * What the tests assert is what that server received, plus the delivery log a merchant admin sees.
 */

let t: Tenants;
const mail = openForFile(captureMail);
beforeAll(async () => {
  t = await makeTenants();
});

const receiptProps = (n: string): TemplateProps<"payment-receipt"> => ({
  customerName: "Grace",
  invoiceNumber: n,
  amountPaid: "$12.00",
  method: "Visa •••• 1111",
  paidAt: new Date().toISOString(),
  transactionId: `txn-${n}`,
  remaining: null,
  receiptUrl: `${env().appUrl}/pay/x/receipt/txn-${n}`,
});

async function logOf(id: string) {
  const [m] = await getDb().select().from(mailMessages).where(eq(mailMessages.id, id));
  const attempts = await getDb()
    .select()
    .from(mailAttempts)
    .where(eq(mailAttempts.messageId, id))
    .orderBy(mailAttempts.attempt);
  return { m: m!, attempts };
}

/** The message's log once `done` holds for it (polled, for 20 s at most). */
const logOnce = (id: string, done: (log: Awaited<ReturnType<typeof logOf>>) => boolean) =>
  waitFor(async () => {
    const log = await logOf(id);
    return done(log) ? log : undefined;
  }, 20_000);

/** Queues a payment receipt from merchant A to `to` (its own idempotency key unless one is given). */
const enqueueReceipt = (to: string, invoiceNumber: string, idempotencyKey = `test:${randomUUID()}`) =>
  enqueueMail({
    template: "payment-receipt",
    to,
    merchantId: t.merchantA,
    props: receiptProps(invoiceNumber),
    idempotencyKey,
  });

describe("mail delivery", () => {
  it("delivers in the merchant's name with an HTML and a text part, and logs the server's answer", async () => {
    await getDb()
      .update(merchants)
      .set({ brandColor: "#aa3300", supportEmail: "help@merchant-a.test" })
      .where(eq(merchants.id, t.merchantA));
    const { id, created } = await enqueueReceipt("Grace@Example.TEST", "A-1");
    expect(created).toBe(true);
    const got = await mail.waitFor((m) => m.text.includes("txn-A-1"));
    expect(got.to).toEqual(["grace@example.test"]);
    expect(got.subject).toContain("Receipt from Merchant A");
    expect(got.html).toContain("#aa3300");
    expect(got.text).toContain("$12.00");
    expect(got.headers.get("reply-to")).toMatchObject({ text: "help@merchant-a.test" });
    expect(got.messageId).toBe(`<${id}@localhost>`);
    const { m, attempts } = await logOnce(id, (l) => l.m.status === "sent");
    expect(m.payloadEnc).toBeNull();
    expect(m.lastResponse).toMatch(/^250/);
    expect(attempts).toMatchObject([{ attempt: 1, outcome: "sent", code: 250 }]);
  });

  it("the same idempotency key queues and delivers one message", async () => {
    const key = `test:${randomUUID()}`;
    const a = await enqueueReceipt("twice@example.test", "B-1", key);
    const b = await enqueueReceipt("twice@example.test", "B-1", key);
    expect(b).toEqual({ id: a.id, created: false });
    await mail.waitFor((m) => m.text.includes("txn-B-1"));
    await new Promise((r) => setTimeout(r, 1500));
    expect(mail.messages.filter((m) => m.text.includes("txn-B-1"))).toHaveLength(1);
  });

  it("a rolled-back transaction sends nothing (the message and its job commit with the action)", async () => {
    const key = `test:${randomUUID()}`;
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueMail(
          {
            template: "payment-receipt",
            to: "rollback@example.test",
            merchantId: t.merchantA,
            props: receiptProps("C-1"),
            idempotencyKey: key,
          },
          tx,
        );
        throw new Error("the action failed after queuing mail");
      }),
    ).rejects.toThrow(/action failed/);
    expect(await getDb().select().from(mailMessages).where(eq(mailMessages.idempotencyKey, key))).toEqual([]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(mail.messages.filter((m) => m.text.includes("txn-C-1"))).toEqual([]);
  });

  it("a temporary refusal (4xx) is retried with backoff and then delivered exactly once", async () => {
    mail.reject(451, "4.3.0 Mailbox temporarily unavailable");
    const { id } = await enqueueReceipt("later@example.test", "D-1");
    const failed = await logOnce(id, (l) => l.attempts.length >= 1);
    expect(failed.m.status).toBe("retrying");
    expect(failed.attempts[0]).toMatchObject({ outcome: "failed", code: 451 });
    expect(failed.attempts[0]!.response).toContain("Mailbox temporarily unavailable");
    mail.accept();
    await mail.waitFor((m) => m.text.includes("txn-D-1"), 30_000);
    const done = await logOnce(id, (l) => l.m.status === "sent");
    expect(done.attempts.at(-1)).toMatchObject({ outcome: "sent" });
    await new Promise((r) => setTimeout(r, 2000));
    expect(mail.messages.filter((m) => m.text.includes("txn-D-1"))).toHaveLength(1);
  });

  it("a permanent refusal (5xx) is not retried: the message is failed with the server's answer", async () => {
    mail.reject(550, "5.1.1 No such user here");
    try {
      const { id } = await enqueueReceipt("nobody@example.test", "E-1");
      const l = await logOnce(id, (x) => x.m.status === "failed");
      expect(l.m.lastResponse).toContain("No such user here");
      expect(l.m.payloadEnc).toBeNull();
      await new Promise((r) => setTimeout(r, 2500));
      expect((await logOf(id)).attempts).toHaveLength(1);
    } finally {
      mail.accept();
    }
  });
});

describe("templates", () => {
  const origin = "https://portal.example.com";
  const brand = { name: "Acme Coffee", color: "#aa3300", logoUrl: "https://cdn.example.com/logo.png", appUrl: origin };
  const samples: { [N in TemplateName]: TemplateProps<N> } = {
    invitation: {
      inviteeName: "Blue",
      inviterName: "Ada",
      merchantName: "Acme Coffee",
      roleLabel: "a staff member",
      invitationsUrl: `${origin}/account/invitations`,
      forgotPasswordUrl: `${origin}/forgot-password`,
    },
    "set-password": {
      name: "Nia",
      inviterName: "Ada",
      merchantName: "Acme Coffee",
      roleLabel: "an admin",
      setPasswordUrl: `${origin}/set-password/tok`,
      expiresAt: new Date().toISOString(),
    },
    "password-reset": {
      name: "Nia",
      email: "nia@example.test",
      resetUrl: `${origin}/reset-password/tok`,
      expiresAt: new Date().toISOString(),
    },
    "new-device": {
      name: "Nia",
      email: "nia@example.test",
      at: new Date().toISOString(),
      browser: "Firefox 140 on Linux",
      ip: "192.0.2.1",
      securityUrl: `${origin}/account/security`,
      forgotPasswordUrl: `${origin}/forgot-password`,
    },
    "invoice-sent": {
      customerName: "Grace",
      invoiceNumber: "1001",
      amountDue: "$10.00",
      dueDate: "2030-01-01T00:00:00.000Z",
      message: "Thanks",
      payUrl: `${origin}/pay/tok`,
    },
    "payment-receipt": { ...receiptProps("T"), receiptUrl: `${origin}/pay/tok/receipt/txn` },
    "transaction-receipt": {
      kind: "Sale",
      subtotal: "$10.00",
      tip: "$2.00",
      total: "$12.00",
      method: "Visa •••• 1111",
      at: "Dec 1, 2030, 10:00 AM UTC",
      transactionId: "txn-1",
      authCode: "123456",
      status: "Approved",
      signatureUrl: null,
    },
    "payment-failed": {
      customerName: "Grace",
      amount: "$20.00",
      description: "your Gold plan subscription",
      reason: "the card was declined",
      actionUrl: `${origin}/pay/tok`,
      nextAttempt: null,
    },
    "renewal-reminder": {
      customerName: "Grace",
      planName: "Gold",
      amount: "$20.00",
      renewsOn: "2030-02-01T00:00:00.000Z",
      method: "Visa •••• 4242",
      manageUrl: `${origin}/pay/tok`,
    },
    "esign-request": {
      ownerName: "Maple",
      dbaName: "Maple Bakery",
      partnerName: "Demo Partners",
      signatureUrl: `${origin}/sandbox/copilot/sign/abc`,
    },
    "merchant-welcome": {
      ownerName: "Maple",
      dbaName: "Maple Bakery",
      setPasswordUrl: `${origin}/set-password/tok`,
      expiresAt: new Date().toISOString(),
      signInUrl: `${origin}/login`,
      forgotPasswordUrl: `${origin}/forgot-password`,
    },
  };

  it("every template renders a subject, an HTML part and a text part, with every link absolute on APP_URL", async () => {
    for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
      const r = await renderMail(name, samples[name] as never, brand);
      expect(r.subject.length, name).toBeGreaterThan(5);
      expect(r.html, name).toContain("<html");
      expect(r.text.length, name).toBeGreaterThan(50);
      expect(r.text, name).not.toContain("<");
      const hrefs = [...r.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      expect(hrefs.length, name).toBeGreaterThan(0);
      for (const h of hrefs) expect(h.startsWith(`${origin}/`) || h === origin, `${name}: ${h}`).toBe(true);
      expect(r.html, name).toContain(brand.logoUrl);
    }
  });

  it("escapes what people typed (names, invoice messages) instead of rendering it as HTML", async () => {
    const r = await renderMail(
      "invoice-sent",
      { ...samples["invoice-sent"], message: '<script>alert(1)</script><a href="https://evil.test">x</a>' },
      brand,
    );
    expect(r.html).not.toContain("<script>");
    expect(r.html).not.toContain('href="https://evil.test"');
  });
});

describe("new sign-in notices", () => {
  it("a sign-in from a browser the account has not used emails the account; the first and known ones do not", async () => {
    const { noteSignIn } = await import("@/lib/services/account/new-device");
    const u = t.staffA;
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
    const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:141.0) Gecko/20100101 Firefox/141.0";
    await noteSignIn(u.id, { userAgent: chrome, ip: "192.0.2.7" });
    await noteSignIn(u.id, { userAgent: chrome, ip: "192.0.2.8" });
    await noteSignIn(u.id, { userAgent: firefox, ip: "198.51.100.9" });
    const m = await mail.waitFor((x) => x.to.includes(u.email) && x.subject.startsWith("New sign-in"));
    expect(m.text).toContain("Firefox 141 on Windows");
    expect(m.text).toContain("198.51.100.9");
    expect(linkIn(m, "/account/security")).toBe(`${env().appUrl}/account/security`);
    await noteSignIn(u.id, { userAgent: firefox, ip: "198.51.100.9" });
    await new Promise((r) => setTimeout(r, 2000));
    expect(mail.messages.filter((x) => x.to.includes(u.email) && x.subject.startsWith("New sign-in"))).toHaveLength(1);
  });
});
