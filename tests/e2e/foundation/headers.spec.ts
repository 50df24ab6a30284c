import { request as httpRequest } from "node:http";
import type { Page } from "@playwright/test";
import { describeAs, expect, PERSONAS, test } from "../fixtures";
import { baseUrl, hydrated, merchantId, query, pointAtE2eRuntime } from "../helpers";
import { directives } from "@/tests/helpers/csp";

/**
 * Issue #10 item 8 on the wire, in a real browser: every page type hydrates and works under the per-request nonce
 * policy with no CSP violation, the nonce changes per request, the pay page admits only its tokenizer, and error
 * pages reveal nothing.
 */

/** Every CSP refusal and uncaught script error of a page (the main frame and the tokenizer frames). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    const t = m.text();
    if (/Refused to|Content Security Policy|Content-Security-Policy/i.test(t)) problems.push(`${m.type()}: ${t}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** A sent invoice's pay link, made through the portal's own action as the merchant's owner. */
async function payLink(merchant: string, ownerEmail: string): Promise<string> {
  await pointAtE2eRuntime();
  const { runAsSession } = await import("@/lib/auth/session");
  const { createInvoiceAction } = await import("@/lib/actions/invoices");
  const { invoiceDraft, invoiceLine } = await import("@/tests/fixtures/invoices");
  const [owner] = await query<{ id: string; sv: number }>(
    "select id, session_version as sv from users where email = $1",
    [ownerEmail],
  );
  if (!owner) throw new Error(`no user ${ownerEmail}`);
  const draft = invoiceDraft({
    items: [invoiceLine({ name: "Headers check", quantity: "1", unitPrice: "12.00" })],
    billTo: {
      firstName: "Grace",
      lastName: "Hopper",
      email: "grace@example.test",
      line1: "1 Navy Way",
      city: "Arlington",
      state: "VA",
      postalCode: "22202",
      country: "US",
    },
    payableTo: { company: "Headers check", line1: "2 Main St", city: "Portland", state: "OR", postalCode: "97201" },
  });
  const r = await runAsSession({ userId: owner.id, sessionVersion: owner.sv }, () =>
    createInvoiceAction({ merchantId: merchant, invoice: JSON.stringify(draft) }),
  );
  if (!r.ok || !r.data.url) throw new Error(`invoice not created: ${JSON.stringify(r)}`);
  return r.data.url;
}

test.describe("security headers and CSP in the browser", () => {
  test("login hydrates under the nonce policy; the nonce differs per request and is on every script", async ({
    page,
  }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${baseUrl()}/login`);
      const csp = res.headers.get("content-security-policy") ?? "";
      const d = directives(csp);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
      expect(nonce).not.toBe("");
      nonces.push(nonce);
      expect(d["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
      expect(d["frame-ancestors"]).toEqual(["'none'"]);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      // Plain http on loopback: no HSTS (it is sent only in production over https).
      expect(res.headers.get("strict-transport-security")).toBeNull();
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(2);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(nonces[0]).not.toBe(nonces[1]);

    const problems = watch(page);
    await page.goto("/login");
    await hydrated(page);
    // A client-side interaction: the sign-in form reports a wrong password without a page load.
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    expect(problems).toEqual([]);
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ signIn }) => {
    // A fresh sign-in (not a stored state): the attributes are the ones the server set.
    const { context, page } = await signIn(PERSONAS.acmeOwner);
    const problems = watch(page);
    const cookie = (await context.cookies()).find((c) => /authjs\.session-token$/.test(c.name));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    // Served over http here; with an https APP_URL it is Secure (tests/integration/security/headers.test.ts).
    expect(cookie?.secure).toBe(false);
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
    expect(problems).toEqual([]);
  });

  test("the virtual terminal charges through both tokenizers (FluidPay script + iframe, CardSecure iFrame)", async ({
    openAs,
  }) => {
    for (const [name, persona] of [
      ["Acme Coffee", "acmeOwner"],
      ["Corner Hardware", "cornerOwner"],
    ] as const) {
      const id = await merchantId(name);
      const { page } = await openAs(persona);
      const problems = watch(page);
      const res = await page.goto(`/m/${id}/terminal`);
      await expect(page).toHaveURL((u) => u.searchParams.has("intent"));
      const csp = directives(res?.headers()["content-security-policy"] ?? "");
      expect(csp["frame-src"]).toEqual([new URL(baseUrl()).origin]);
      await hydrated(page);
      const frame = page.frameLocator('iframe[title="Payment details"]');
      await frame.getByLabel("Card number").fill("4111111111111111");
      if (name === "Corner Hardware") {
        await frame.getByLabel("CVV").fill("123");
      } else {
        await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
        await frame.getByLabel("CVC").fill("123");
      }
      await page.getByRole("textbox", { name: "Amount", exact: true }).fill("3.21");
      await page.getByRole("button", { name: "Charge $3.21" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Payment approved" })).toBeVisible({ timeout: 30_000 });
      expect(problems).toEqual([]);
    }
  });

  test("after a charge, dashboard charts, settings, audit log and partner pages render with no CSP violation", async ({
    openAs,
  }) => {
    const acme = await merchantId("Acme Coffee");
    const { page } = await openAs("acmeOwner");
    const problems = watch(page);
    const res = await page.goto(`/m/${acme}`);
    expect(res?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
    await hydrated(page);
    // The charts are drawn on the server with inline style attributes (bar heights) and SVG: they render under the CSP.
    await expect(page.getByRole("region", { name: "Volume by day" }).locator("figure")).toBeVisible();
    await expect(page.getByRole("region", { name: "Card brand mix" }).locator("svg circle").first()).toBeVisible();
    await page.screenshot({ path: "test-results/headers-dashboard.png", fullPage: true });
    const sections = [
      "transactions",
      "customers",
      "invoices",
      "recurring",
      "terminals",
      "gift-cards",
      "settlements",
      "funding",
      "file-batches",
      "settings",
      "settings/audit",
    ];
    for (const path of sections.map((s) => `/m/${acme}/${s}`)) {
      await page.goto(path);
      await hydrated(page);
    }
    // Client-side navigation (RSC payloads, no new document) keeps working too.
    await page.getByRole("link", { name: "Transactions" }).first().click();
    await expect(page).toHaveURL(/\/transactions$/);
    await hydrated(page);
    expect(problems).toEqual([]);

    const partner = await openAs("partnerAdmin");
    const partnerProblems = watch(partner.page);
    await partner.page.goto("/partner");
    await hydrated(partner.page);
    expect(partnerProblems).toEqual([]);
  });

  test("the pay page admits only its tokenizer and takes a payment with each gateway family", async ({ visitor }) => {
    for (const [name, email, cvcLabel] of [
      ["Acme Coffee", PERSONAS.acmeOwner, "CVC"],
      ["Corner Hardware", PERSONAS.cornerOwner, "CVV"],
    ] as const) {
      const link = await payLink(await merchantId(name), email);
      const { page } = await visitor();
      const problems = watch(page);
      const res = await page.goto(link);
      expect(res?.status()).toBe(200);
      const h = res?.headers() ?? {};
      const d = directives(h["content-security-policy"] ?? "");
      const nonce = /'nonce-([^']+)'/.exec(h["content-security-policy"] ?? "")?.[1];
      // Sandbox mode: the emulated tokenizer is served by the portal's own origin, and nothing else is admitted.
      const origin = new URL(baseUrl()).origin;
      expect(d["frame-src"]).toEqual([origin]);
      expect(d["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, origin]);
      expect(d["connect-src"]).toEqual(["'self'"]);
      expect(d["frame-ancestors"]).toEqual(["'none'"]);
      expect(h["referrer-policy"]).toBe("no-referrer");
      expect(h["x-robots-tag"]).toContain("noindex");
      expect(h["cache-control"]).toContain("no-store");
      await hydrated(page);
      const frame = page.frameLocator("[data-tokenizer] iframe");
      await frame.getByLabel("Card number").fill("4111111111111111");
      if (cvcLabel === "CVC") await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
      else await frame.locator("#ccexpiryyear").selectOption({ index: 4 });
      await frame.getByLabel(cvcLabel).fill("123");
      await page.screenshot({ path: `test-results/headers-pay-${cvcLabel}.png`, fullPage: true });
      await page.getByRole("button", { name: /^Pay \$/ }).click();
      await expect(page).toHaveURL(/\/receipt\//, { timeout: 30_000 });
      await hydrated(page);
      expect(problems).toEqual([]);
    }
  });

  test("a sandbox tokenizer page may be framed (it is the one exception to frame-ancestors 'none')", async () => {
    const res = await fetch(`${baseUrl()}/sandbox/cardpointe/fts-uat/itoke/ajax-tokenizer.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy") ?? "").toMatch(/frame-ancestors (\*|'self')/);
    expect(res.headers.get("x-frame-options")).toBeNull();
    const api = await fetch(`${baseUrl()}/api/health`);
    expect(api.ok).toBe(true);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("TRACE on any URL (a page, an API route, a sandbox) is 405 with an Allow header, not 500 (issue 22)", async () => {
    for (const path of ["/login", "/api/health", "/sandbox/gateway/api/transaction", "/nowhere"]) {
      const res = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
        // fetch() refuses TRACE; node:http sends it as any client can.
        const r = httpRequest(`${baseUrl()}${path}`, { method: "TRACE" }, (m) => {
          m.resume();
          resolve({ status: m.statusCode ?? 0, allow: m.headers.allow });
        });
        r.on("error", reject);
        r.end();
      });
      expect(res.status, path).toBe(405);
      expect(res.allow, path).toMatch(/\bGET\b/);
    }
  });

  describeAs("acmeOwner", "as the owner of Acme", () => {
    test("an internal error shows only a support reference, never SQL or a stack", async ({ page }) => {
      const acme = await merchantId("Acme Coffee");
      const problems = watch(page);
      // Break the audit viewer's query for a moment: the page now fails with a database error.
      await query("alter table audit_log rename column ip to ip_broken_for_test");
      try {
        await page.goto(`/m/${acme}/settings/audit`);
        await expect(page.locator("[data-error-page]")).toBeVisible();
        const body = page.locator("body");
        await expect(body).toContainText("Something went wrong on our side", { useInnerText: true });
        await expect(body).toContainText(/Reference\s+\S+/, { useInnerText: true });
        const html = await page.content();
        const leak =
          /ip_broken|column .{0,40}does not exist|audit_log|select .* from|\.[jt]sx?:\d+:\d+|node_modules/i.exec(html);
        expect(leak ? html.slice(Math.max(0, leak.index - 80), leak.index + 80) : null).toBeNull();
        await page.screenshot({ path: "test-results/headers-error-page.png", fullPage: true });
      } finally {
        await query("alter table audit_log rename column ip_broken_for_test to ip");
      }
      expect(problems.filter((p) => !p.startsWith("pageerror"))).toEqual([]);
    });
  });
});
