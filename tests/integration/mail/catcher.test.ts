import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { runAsSession } from "@/lib/auth/session";
import { resetEnvCache } from "@/lib/env";
import { type MailCatcher, startMailCatcher } from "@/lib/mail/catcher";
import { listOwnMail } from "@/lib/mail/inbox";
import { renderPage } from "@/tests/helpers/render-text";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * The demo mail catcher `npm start` runs in sandbox mode: a real SMTP server on loopback and a web view on its own
 * port behind a token. The portal's /mailbox asks it only for the signed-in user's address.
 */

let catcher: MailCatcher;
let t: Tenants;
const saved = { api: process.env.MAIL_CATCHER_API, token: process.env.MAIL_CATCHER_TOKEN };

beforeAll(async () => {
  catcher = await startMailCatcher();
  t = await makeTenants();
  process.env.MAIL_CATCHER_API = catcher.apiUrl;
  process.env.MAIL_CATCHER_TOKEN = catcher.token;
  resetEnvCache();
  const transport = nodemailer.createTransport({ url: catcher.smtpUrl } as Parameters<
    typeof nodemailer.createTransport
  >[0]);
  for (const [to, subject] of [
    [t.adminA.email, "Invitation for A"],
    [t.adminB.email, "Reset for B: https://portal.test/reset-password/secret-of-b"],
    [t.adminA.email, "Receipt for A"],
  ] as const) {
    await transport.sendMail({ from: "no-reply@portal.test", to, subject, text: `Hello, ${subject}` });
  }
});
afterAll(async () => {
  await catcher.stop();
  process.env.MAIL_CATCHER_API = saved.api;
  process.env.MAIL_CATCHER_TOKEN = saved.token;
  if (saved.api === undefined) delete process.env.MAIL_CATCHER_API;
  if (saved.token === undefined) delete process.env.MAIL_CATCHER_TOKEN;
  resetEnvCache();
  await closeDb();
});

describe("demo mail catcher", () => {
  it("receives over SMTP and shows the web view only with its token", async () => {
    expect(catcher.store.list()).toHaveLength(3);
    expect((await fetch(`${catcher.webUrl}/`)).status).toBe(401);
    expect((await fetch(`${catcher.webUrl}/?token=not-the-token`, { redirect: "manual" })).status).toBe(401);
    const login = await fetch(catcher.openUrl, { redirect: "manual" });
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/);
    const list = await fetch(`${catcher.webUrl}/`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Invitation for A");
    expect(html).toContain("Reset for B");
    const id = /\/messages\/([0-9a-f-]{36})/.exec(html)![1];
    const one = await fetch(`${catcher.webUrl}/messages/${id}`, { headers: { cookie } });
    expect(one.status).toBe(200);
    expect(await one.text()).toContain("Text part");
  });

  it("its API needs the bearer token and filters by recipient", async () => {
    expect((await fetch(`${catcher.apiUrl}/api/messages`)).status).toBe(401);
    const res = await fetch(`${catcher.apiUrl}/api/messages?to=${encodeURIComponent(t.adminA.email)}`, {
      headers: { authorization: `Bearer ${catcher.token}` },
    });
    const body = (await res.json()) as { messages: { subject: string }[] };
    expect(body.messages.map((m) => m.subject).sort()).toEqual(["Invitation for A", "Receipt for A"]);
  });

  it("/mailbox shows a signed-in user their own mail only, and a signed-out visitor nothing", async () => {
    expect((await listOwnMail(t.adminA.email))?.map((m) => m.subject).sort()).toEqual([
      "Invitation for A",
      "Receipt for A",
    ]);
    const { default: MailboxPage } = await import("@/app/(auth)/mailbox/page");
    const asA = await renderPage(() => runAsSession(t.adminA.claims, () => MailboxPage()));
    expect(asA.text).toContain("Invitation for A");
    expect(asA.text).not.toContain("Reset for B");
    expect(asA.text).not.toContain("secret-of-b");
    const anonymous = await renderPage(() => runAsSession(null, () => MailboxPage()));
    expect(anonymous.thrown).toMatch(/NEXT_REDIRECT.*\/login/);
    expect(anonymous.text).toBe("");
  });
});
