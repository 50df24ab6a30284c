import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customers, transactions } from "@/db/schema";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { parseElasticPathPaymentReference } from "@/lib/gateway/cardpointe/transform";
import { elasticPathReferences } from "@/lib/gateway/cardpointe/transform-vault";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { upsertCustomers } from "@/lib/sync/customers";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { makeTenants } from "@/tests/helpers/tenants";
import { openForFile } from "@/tests/helpers/for-file";
import { vaultEllisPath } from "./vault";

/**
 * Seed 004: an Elastic Path storefront with the `card_connect` gateway charges a CardPointe profile given as
 * "account_id|profile_id". The storefront is a client of CardPointe, not of the portal: this test plays it with
 * plain CardPointe REST calls (auth with `profile: <profileid>/<acctid>`, capture, refund, its order id as
 * `orderid`), then proves the portal's reconcile job (via the adapter's search) brings each payment into the
 * transactions cache with that order id, linked to the vault customer.
 */

const origin = openForFile(servePortalOrigin);

interface Creds {
  merchid: string;
  site: string;
  username: string;
  password: string;
}

/** What Elastic Path's card_connect gateway sends to CardPointe for one `POST /v2/orders/:id/payments`. */
class Storefront {
  constructor(
    private readonly base: string,
    private readonly c: Creds,
  ) {}

  private async call(verb: string, body: Record<string, unknown>) {
    const r = await fetch(`${this.base}/cardconnect/rest/${verb}`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`${this.c.username}:${this.c.password}`).toString("base64")}`,
      },
      body: JSON.stringify({ merchid: this.c.merchid, ...body }),
    });
    expect(r.status).toBe(200);
    return (await r.json()) as Record<string, string>;
  }

  /** `amount` is Elastic Path's integer minor units; CardPointe reads an integer string the same way. */
  async pay(orderId: string, data: { method: "purchase" | "authorize"; amount: number; payment: string }) {
    const ref = parseElasticPathPaymentReference(data.payment);
    if (!ref) throw new Error("bad payment reference");
    return this.call("auth", {
      profile: `${ref.profileId}/${ref.accountId}`,
      amount: String(data.amount),
      currency: "USD",
      orderid: orderId,
      ecomind: "E",
      capture: data.method === "purchase" ? "Y" : "N",
    });
  }

  capture(retref: string, amount: number) {
    return this.call("capture", { retref, amount: String(amount) });
  }

  refund(retref: string, amount: number) {
    return this.call("refund", { retref, amount: String(amount) });
  }
}

describe("Elastic Path card_connect pay-by-token against the portal's CardPointe merchant", () => {
  it("charges the vault profile by account_id|profile_id; after sync each payment is cached with its order id and customer", async () => {
    const { merchantA } = await makeTenants("cardpointe");
    const p = await connectSandbox(merchantA, "Corner Hardware", "cardpointe");
    const creds = p.credentials.gateway;
    if (creds.family !== "cardpointe") throw new Error("expected CardPointe credentials");
    const gateway = await gatewayForMerchant(merchantA);
    expect(isCardPointeAdapter(gateway)).toBe(true);

    // The merchant stores a customer's card in the vault (token from CardSecure, as the itoke iframe gives it).
    const base = `${origin.url}/sandbox/cardpointe/${creds.site}-uat`;
    const customer = await vaultEllisPath(gateway, base);
    await upsertCustomers(getDb(), merchantA, [customer]);
    const [ref] = elasticPathReferences(customer);
    expect(ref!.reference).toBe(`${customer.paymentMethods[0]!.id}|${customer.id}`);
    expect(ref!.reference).toMatch(/^\d{1,3}\|\d{20}$/);

    const shop = new Storefront(base, creds);
    const purchase = await shop.pay("ep-order-1001", { method: "purchase", amount: 4999, payment: ref!.reference });
    expect(purchase).toMatchObject({ respstat: "A", amount: "49.99", profileid: customer.id });
    const auth = await shop.pay("ep-order-1002", { method: "authorize", amount: 2500, payment: ref!.reference });
    expect(auth).toMatchObject({ respstat: "A", amount: "25.00" });
    expect(await shop.capture(auth.retref!, 2500)).toMatchObject({ respstat: "A", setlstat: "Queued for Capture" });
    // Refunds come after settlement at CardPointe: the host closes the batch, then the storefront refunds.
    const settle = await fetch(`${origin.url}/sandbox/cardpointe/_control/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ merchid: creds.merchid }),
    });
    expect(settle.status).toBe(200);
    const refund = await shop.refund(purchase.retref!, 1000);
    expect(refund).toMatchObject({ respstat: "A", amount: "10.00", orderid: "ep-order-1001" });
    await fetch(`${origin.url}/sandbox/cardpointe/_control/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ merchid: creds.merchid }),
    });

    // Nothing of this went through the portal: only the reconcile job can bring it into the cache.
    const summary = await syncMerchantTransactions(merchantA, { kind: "reconcile" });
    expect(summary.processed).toBe(3);

    const rows = await getDb()
      .select({
        id: transactions.providerId,
        type: transactions.type,
        status: transactions.status,
        amount: transactions.amount,
        refunded: transactions.refundedAmount,
        orderId: transactions.orderId,
        customerId: transactions.customerId,
        lastFour: transactions.lastFour,
        referenced: transactions.referencedTransactionId,
      })
      .from(transactions)
      .where(eq(transactions.merchantId, merchantA));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(purchase.retref!)).toMatchObject({
      type: "sale",
      status: "partially_refunded",
      amount: 4999,
      refunded: 1000,
      orderId: "ep-order-1001",
      customerId: customer.id,
      lastFour: "1443",
    });
    expect(byId.get(auth.retref!)).toMatchObject({
      status: "settled",
      amount: 2500,
      orderId: "ep-order-1002",
      customerId: customer.id,
    });
    expect(byId.get(refund.retref!)).toMatchObject({
      type: "refund",
      amount: 1000,
      orderId: "ep-order-1001",
      customerId: customer.id,
      referenced: purchase.retref,
    });

    // Linked to the vault customer the portal shows.
    const cached = await getDb()
      .select({ id: customers.providerId })
      .from(customers)
      .where(and(eq(customers.merchantId, merchantA), eq(customers.providerId, customer.id)));
    expect(cached).toHaveLength(1);

    // Reconcile is idempotent: a second run updates, inserts nothing.
    const again = await syncMerchantTransactions(merchantA, { kind: "reconcile" });
    expect(again.inserted).toBe(0);
  });
});
