import { describeAs, expect, test } from "../fixtures";
import { merchantId, partnerId } from "../helpers";

/** Each demo persona's home: "/" sends a signed-in user to their own shell, with what their role may open. */

const onPath = (path: string) => (u: URL) => u.pathname === path;

test.describe("personas land in their shells", () => {
  describeAs("acmeOwner", "a merchant admin", () => {
    test("lands on their merchant with every section in the navigation", async ({ page }) => {
      const acme = await merchantId("Acme Coffee");
      await page.goto("/");
      await expect(page).toHaveURL(onPath(`/m/${acme}`));
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
        await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(1);
      }
    });

    test("opening another merchant gets 404 and nothing of it", async ({ page }) => {
      const blueFern = await merchantId("Blue Fern Studio");
      const res = await page.goto(`/m/${blueFern}`);
      expect(res?.status()).toBe(404);
      expect(await page.content()).not.toContain("Blue Fern");
    });
  });

  describeAs("partnerAdmin", "a partner admin", () => {
    test("lands on the portfolio and sees all three merchants", async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(onPath("/partner"));
      for (const name of ["Acme Coffee", "Blue Fern Studio", "Corner Hardware"]) {
        await expect(page.getByRole("link", { name })).toHaveCount(1);
      }
    });
  });

  describeAs("agent", "an agent", () => {
    test("sees only assigned merchants and gets 404 on another", async ({ page }) => {
      const corner = await merchantId("Corner Hardware");
      await page.goto("/");
      await expect(page).toHaveURL(onPath("/partner"));
      await expect(page.getByRole("link", { name: "Acme Coffee" })).toHaveCount(1);
      await expect(page.getByRole("link", { name: "Corner Hardware" })).toHaveCount(0);
      const res = await page.goto(`/m/${corner}`);
      expect(res?.status()).toBe(404);
      const csv = await page.request.get(`/api/partner/${await partnerId()}/portfolio.csv`);
      expect(csv.status()).toBe(200);
      const body = await csv.text();
      expect(body).toContain("Acme Coffee");
      expect(body).not.toContain("Corner Hardware");
    });
  });

  describeAs("acmeStaff", "staff", () => {
    test("cannot open settings and do not see it in the navigation", async ({ page }) => {
      const acme = await merchantId("Acme Coffee");
      await page.goto("/");
      await expect(page).toHaveURL(onPath(`/m/${acme}`));
      const nav = page.getByRole("navigation", { name: "Merchant sections" });
      await expect(nav.getByRole("link", { name: "Dashboard", exact: true })).toHaveCount(1);
      await expect(nav.getByRole("link", { name: "Settings & team" })).toHaveCount(0);
      const res = await page.goto(`/m/${acme}/settings`);
      expect(res?.status()).toBe(403);
      // The 403 page may arrive in the streamed part of the response: the assertion waits for it.
      await expect(page.getByText("You don't have access to this section")).toHaveCount(1);
    });
  });

  test("an anonymous visitor is sent to sign in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(onPath("/login"));
  });
});
