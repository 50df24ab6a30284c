import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { setSandboxTransport } from "@/lib/sandbox-control";
import { unsealCredentials } from "@/lib/connections/credentials";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { provisionSandboxMerchant, siteFor } from "@/lib/services/merchants/provision-sandbox";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";
import { makeTenants } from "@/tests/helpers/tenants";

let gw: Served;
beforeAll(async () => {
  // The adapter reaches the sandbox at <APP_URL>/sandbox/gateway/api, and provisioning reaches the sandboxes'
  // `_control` API over HTTP, as the running portal does (not in process, as the seed and other tests do).
  gw = await servePortalOrigin();
  setSandboxTransport((req) => fetch(req));
});
afterAll(async () => {
  await gw.close();
  await closeDb();
});

describe("sandbox provisioning", () => {
  it("gives a gateway merchant sealed credentials that charge through its sandbox account", async () => {
    const { merchantA } = await makeTenants("fluidpay");
    const p = await provisionSandboxMerchant({ id: merchantA, name: "Provision Test", gateway: "fluidpay" });
    const creds = unsealCredentials(p.credentialsEnc, merchantA);
    expect(creds.gateway.family).toBe("fluidpay");
    if (creds.gateway.family !== "fluidpay") return;
    expect(p.credentialsEnc).not.toContain(creds.gateway.apiKey);
    expect(creds.giftcard?.storeId).toBeTruthy();
    await getDb()
      .update(merchants)
      .set({ mid: p.mid, credentialsEnc: p.credentialsEnc })
      .where(eq(merchants.id, merchantA));

    const gateway = await gatewayForMerchant(merchantA);
    const sale = await gateway.transactions.create({
      type: "sale",
      amount: 4250,
      source: { kind: "card", number: "4111111111111111", expiration: "12/30" },
      idempotencyKey: idempotencyKeyFor("provision-test", merchantA),
    });
    expect(sale.approved).toBe(true);
    expect(sale.amount).toBe(4250);
    expect(sale.paymentMethod).toMatchObject({ kind: "card", lastFour: "1111" });
  });

  it("gives a CardPointe merchant a UAT merchant on its own site", async () => {
    const { merchantA } = await makeTenants("cardpointe");
    const p = await provisionSandboxMerchant({ id: merchantA, name: "Corner Hardware", gateway: "cardpointe" });
    const creds = unsealCredentials(p.credentialsEnc, merchantA);
    expect(creds.gateway).toMatchObject({ family: "cardpointe", site: "corner" });
    expect(p.site).toBe("corner");
    expect(p.mid).toMatch(/^\d+$/);
  });

  it("derives site names safely", () => {
    expect(siteFor("Corner Hardware")).toBe("corner");
    expect(siteFor("Ñu & Co")).toBe("site");
  });
});
