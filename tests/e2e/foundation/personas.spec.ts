import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, loginAs, merchantId, query } from "../helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("personas land in their shells", () => {
  it("a merchant admin lands on their merchant with every section in the navigation", async () => {
    const acme = await merchantId("Acme Coffee");
    const { context, page } = await loginAs(browser, "owner@acme.test");
    expect(new URL(page.url()).pathname).toBe(`/m/${acme}`);
    const nav = page.getByRole("navigation", { name: "Merchant sections" });
    for (const label of [
      "Dashboard",
      "Customers",
      "Transactions",
      "Virtual terminal",
      "Invoices",
      "Recurring",
      "Terminals",
      "Gift cards",
      "Settlements",
      "Funding",
      "File batches",
      "Settings & team",
    ]) {
      await expect(nav.getByRole("link", { name: label, exact: true }).count()).resolves.toBe(1);
    }
    await context.close();
  });

  it("a partner admin lands on the portfolio and sees all three merchants", async () => {
    const { context, page } = await loginAs(browser, "partner@demo.test");
    expect(new URL(page.url()).pathname).toBe("/partner");
    for (const name of ["Acme Coffee", "Blue Fern Studio", "Corner Hardware"]) {
      await expect(page.getByRole("link", { name }).count()).resolves.toBe(1);
    }
    await context.close();
  });

  it("an agent sees only assigned merchants and gets 404 on another", async () => {
    const corner = await merchantId("Corner Hardware");
    const { context, page } = await loginAs(browser, "agent@demo.test");
    expect(new URL(page.url()).pathname).toBe("/partner");
    await expect(page.getByRole("link", { name: "Acme Coffee" }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "Corner Hardware" }).count()).resolves.toBe(0);
    const res = await page.goto(`/m/${corner}`);
    expect(res?.status()).toBe(404);
    const csv = await context.request.get(`${baseUrl()}/api/partner/${await partnerId()}/portfolio.csv`);
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body).toContain("Acme Coffee");
    expect(body).not.toContain("Corner Hardware");
    await context.close();
  });

  it("staff cannot open settings and do not see it in the navigation", async () => {
    const acme = await merchantId("Acme Coffee");
    const { context, page } = await loginAs(browser, "staff@acme.test");
    expect(new URL(page.url()).pathname).toBe(`/m/${acme}`);
    const nav = page.getByRole("navigation", { name: "Merchant sections" });
    await expect(nav.getByRole("link", { name: "Settings & team" }).count()).resolves.toBe(0);
    const res = await page.goto(`/m/${acme}/settings`);
    expect(res?.status()).toBe(403);
    // The 403 page may arrive in the streamed part of the response: wait for it rather than count at "load".
    await page.getByText("You don't have access to this section").waitFor();
    await expect(page.getByText("You don't have access to this section").count()).resolves.toBe(1);
    await context.close();
  });

  it("a merchant admin opening another merchant gets 404 and nothing of it", async () => {
    const blueFern = await merchantId("Blue Fern Studio");
    const { context, page } = await loginAs(browser, "owner@acme.test");
    const res = await page.goto(`/m/${blueFern}`);
    expect(res?.status()).toBe(404);
    expect(await page.content()).not.toContain("Blue Fern");
    await context.close();
  });

  it("an anonymous visitor is sent to sign in", async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });
});

async function partnerId(): Promise<string> {
  const rows = await query<{ id: string }>("select id from partners where name = 'Demo Partners'");
  if (!rows[0]) throw new Error("demo partner missing");
  return rows[0].id;
}
