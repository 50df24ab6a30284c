import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, dailyChannelRollups, elasticPathStores, merchants, transactions } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import {
  connectElasticPathStoreAction,
  payStorefrontOrderAction,
  testElasticPathStoreAction,
} from "@/lib/actions/elastic-path";
import { captureTransactionAction, refundTransactionAction } from "@/lib/actions/transactions";
import { runAsSession } from "@/lib/auth/session";
import { unsealCredentials } from "@/lib/connections/credentials";
import { unsealElasticPathSecret } from "@/lib/connections/elastic-path";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { elasticPathReferences } from "@/lib/gateway/cardpointe/transform-vault";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { reencryptSealedColumns } from "@/lib/services/security/reencrypt";
import { upsertCustomers } from "@/lib/sync/customers";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import { upsertTransactions } from "@/lib/sync/transactions";
import { contributionOf } from "@/lib/sync/contribution";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";
import { vaultEllisPath } from "./vault";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * Seed 004 end to end below the browser: the Elastic Path emulator (Bearer token, card_connect, purchase / authorize /
 * capture / refund in front of the CardPointe sandbox), the portal connecting a store (tested first, sealed, audited),
 * paying an order by a vault profile, and the storefront channel surviving the sync (the dashboard's "By channel").
 */

let origin: Served;
let t: Tenants;
let merchid: string;
let customerId: string;
let accountId: string;
let reference: string;

beforeAll(async () => {
  origin = await servePortalOrigin();
  t = await makeTenants("cardpointe");
  const p = await provisionSandboxMerchant({ id: t.merchantA, name: "Corner Hardware", gateway: "cardpointe" });
  await getDb()
    .update(merchants)
    .set({ mid: p.mid, site: p.site, credentialsEnc: p.credentialsEnc })
    .where(eq(merchants.id, t.merchantA));
  const creds = unsealCredentials(p.credentialsEnc, t.merchantA).gateway;
  if (creds.family !== "cardpointe") throw new Error("expected CardPointe");
  merchid = creds.merchid;
  const gateway = await gatewayForMerchant(t.merchantA);
  const customer = await vaultEllisPath(gateway, `${origin.url}/sandbox/cardpointe/${creds.site}-uat`);
  await upsertCustomers(getDb(), t.merchantA, [customer]);
  customerId = customer.id;
  accountId = customer.paymentMethods[0]!.id;
  reference = elasticPathReferences(customer)[0]!.reference;
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

async function control(path: string, body: unknown) {
  const r = await fetch(`${origin.url}/sandbox/elasticpath/_control/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as Record<string, string> & { id: string; client_id: string; access_token: string };
}

const asAdmin = <T>(action: (i: unknown) => Promise<ActionResult<T>>, input: Record<string, unknown>) =>
  runAsSession(t.adminA.claims, () => action({ merchantId: t.merchantA, ...input }));

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r)}`);
  return r.data;
}

/** A new order of the merchant's connected store, paid (or authorized) with the vault profile through the action. */
async function payNewOrder(amount: number, method: "purchase" | "authorize") {
  const [store] = await getDb().select().from(elasticPathStores).where(eq(elasticPathStores.merchantId, t.merchantA));
  const order = await control("orders", { client_id: store!.clientId, amount });
  const paid = ok(
    await asAdmin(payStorefrontOrderAction, {
      storeId: store!.id,
      customerId,
      paymentMethodId: accountId,
      orderId: order.id,
      method,
    }),
  );
  return { store: store!, order, paid };
}

describe("Elastic Path emulator (seed 004)", () => {
  it("answers 401 without a Bearer token, 404 off the documented path, 400 for a body outside the seed", async () => {
    const store = await control("stores", { merchid });
    const order = await control("orders", { client_id: store.client_id, amount: 1200 });
    const url = `${origin.url}/sandbox/elasticpath/v2/orders/${order.id}/payments`;
    const body = JSON.stringify({ data: { gateway: "card_connect", method: "purchase", payment: reference } });
    expect((await fetch(url, { method: "POST", body })).status).toBe(401);
    expect((await fetch(url, { method: "POST", body, headers: { authorization: "Bearer not-a-token" } })).status).toBe(
      401,
    );
    const auth = { authorization: `Bearer ${store.access_token}`, "content-type": "application/json" };
    expect((await fetch(`${origin.url}/sandbox/elasticpath/v2/orders/${order.id}`, { headers: auth })).status).toBe(
      404,
    );
    expect((await fetch(`${origin.url}/sandbox/elasticpath/oauth/access_token`, { method: "POST" })).status).toBe(404);
    const wrongGateway = await fetch(url, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ data: { gateway: "stripe", method: "purchase", payment: reference } }),
    });
    expect(wrongGateway.status).toBe(400);
    const badPayment = await fetch(url, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ data: { gateway: "card_connect", method: "purchase", payment: customerId } }),
    });
    expect(badPayment.status).toBe(400);
    // Authorize, then capture and refund through the same endpoint, as the seed's methods say.
    const a = await fetch(url, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ data: { gateway: "card_connect", method: "authorize", payment: reference } }),
    });
    expect(a.status).toBe(200);
    expect(((await a.json()) as { data: Record<string, unknown> }).data).toMatchObject({
      type: "transaction",
      gateway: "card_connect",
      amount: 1200,
      "transaction-type": "authorize",
      status: "complete",
    });
    const again = await fetch(url, { method: "POST", headers: auth, body });
    expect(again.status).toBe(422);
    const c = await fetch(url, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ data: { gateway: "card_connect", method: "capture", payment: reference } }),
    });
    expect(((await c.json()) as { data: Record<string, unknown> }).data["transaction-type"]).toBe("capture");
    await fetch(`${origin.url}/sandbox/cardpointe/_control/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ merchid }),
    });
    const r = await fetch(url, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ data: { gateway: "card_connect", method: "refund", amount: 200, payment: reference } }),
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { data: Record<string, unknown> }).data).toMatchObject({
      "transaction-type": "refund",
      amount: 200,
    });
    // Each was a CardPointe transaction with the order id as orderid.
    const records = await (await gatewayForMerchant(t.merchantA)).transactions.search({ orderId: order.id });
    expect(records.items.map((x) => x.orderId)).toContain(order.id);
  });
});

describe("a storefront order paid from the portal", () => {
  it("connects a store only with a token that tests OK, seals it bound to its row, and audits the change", async () => {
    const store = await control("stores", { merchid });
    const refused = await asAdmin(connectElasticPathStoreAction, {
      name: "Corner online",
      environment: "sandbox",
      clientId: store.client_id!,
      accessToken: "ep_wrong-token-000",
    });
    expect(refused).toMatchObject({ ok: false, code: "invalid" });
    expect(
      await getDb().select().from(elasticPathStores).where(eq(elasticPathStores.merchantId, t.merchantA)),
    ).toHaveLength(0);

    const { storeId } = ok(
      await asAdmin(connectElasticPathStoreAction, {
        name: "Corner online",
        environment: "sandbox",
        clientId: store.client_id!,
        accessToken: store.access_token!,
      }),
    );
    const [row] = await getDb().select().from(elasticPathStores).where(eq(elasticPathStores.id, storeId));
    expect(row!.credentialsEnc).not.toContain(store.access_token!);
    expect(unsealElasticPathSecret(row!.credentialsEnc, storeId).accessToken).toBe(store.access_token);
    expect(() => unsealElasticPathSecret(row!.credentialsEnc, crypto.randomUUID())).toThrow();
    expect(ok(await asAdmin(testElasticPathStoreAction, { storeId }))).toMatchObject({ ok: true });
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, t.merchantA), eq(auditLog.action, "elasticpath.store_connected")))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(JSON.stringify(audit!.after)).not.toContain(store.access_token!);
    // credentials:reencrypt covers the new sealed column (nothing to do under the current key).
    expect((await reencryptSealedColumns(getDb())).elasticPathCredentials).toBe(0);

    // Staff cannot connect stores.
    const staff = await runAsSession(t.staffA.claims, () =>
      connectElasticPathStoreAction({
        merchantId: t.merchantA,
        name: "x",
        environment: "sandbox",
        clientId: "x",
        accessToken: store.access_token!,
      }),
    );
    expect(staff.ok).toBe(false);
  });

  it("pays the order by profile; the payment is cached with its order id as a storefront sale, and a reconcile keeps it there", async () => {
    const { store, order, paid } = await payNewOrder(4250, "purchase");
    expect(paid.amount).toBe(4250);
    expect(paid.transactionIds).toHaveLength(1);
    const [cached] = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, t.merchantA), eq(transactions.providerId, paid.transactionIds[0]!)));
    expect(cached).toMatchObject({ orderId: order.id, channel: "storefront", amount: 4250, customerId });

    // A second submit of the same order is refused by Elastic Path: no second charge.
    const twice = await asAdmin(payStorefrontOrderAction, {
      storeId: store.id,
      customerId,
      paymentMethodId: accountId,
      orderId: order.id,
      method: "purchase",
    });
    expect(twice.ok).toBe(false);

    // The reconcile job and a webhook-style write know nothing of the channel: it must not be downgraded, and the
    // channel rollup must follow the row's final channel (the bug of an earlier attempt: counted as "api").
    await syncMerchantTransactions(t.merchantA, { kind: "reconcile" });
    const gw = await gatewayForMerchant(t.merchantA);
    const fresh = await gw.transactions.get(paid.transactionIds[0]!);
    await upsertTransactions(getDb(), t.merchantA, [
      { ...fresh, updatedAt: new Date(Date.now() + 60_000).toISOString() },
    ]);
    const [after] = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, t.merchantA), eq(transactions.providerId, paid.transactionIds[0]!)));
    expect(after!.channel).toBe("storefront");
    await expectChannelRollupsMatchRows(t.merchantA);
    const storefront = await getDb()
      .select()
      .from(dailyChannelRollups)
      .where(and(eq(dailyChannelRollups.merchantId, t.merchantA), eq(dailyChannelRollups.channel, "storefront")));
    expect(storefront.reduce((s, r) => s + r.count, 0)).toBe(1);
    expect(storefront.reduce((s, r) => s + r.volume, 0)).toBe(4250);
  });

  it("refunds a settled storefront payment through Elastic Path, so the order knows it; the refund is cached", async () => {
    const { order, paid } = await payNewOrder(2000, "purchase");
    await fetch(`${origin.url}/sandbox/cardpointe/_control/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ merchid }),
    });
    const refunded = await asAdmin(refundTransactionAction, { transactionId: paid.transactionIds[0], amount: "5.00" });
    if (!refunded.ok) throw new Error(JSON.stringify(refunded));
    // Elastic Path recorded the refund on the order (its own transaction list, in the emulator's schema).
    const ep = await getDb().execute<{ transaction_type: string; amount: string }>(
      sql`select transaction_type, amount::text as amount from sandbox_elasticpath.transactions where order_id = ${order.id} order by created_at`,
    );
    expect(ep.rows.map((r) => [r.transaction_type, Number(r.amount)])).toEqual([
      ["purchase", 2000],
      ["refund", 500],
    ]);
    const rows = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, t.merchantA), eq(transactions.orderId, order.id)));
    const sale = rows.find((r) => r.providerId === paid.transactionIds[0]);
    expect(sale).toMatchObject({ status: "partially_refunded", refundedAmount: 500, channel: "storefront" });
    expect(rows.some((r) => r.type === "refund" && r.amount === 500)).toBe(true);
    await expectChannelRollupsMatchRows(t.merchantA);
  });

  it("captures a storefront authorization through Elastic Path: the order records the capture too", async () => {
    const { order, paid: authorized } = await payNewOrder(1800, "authorize");
    const captured = await asAdmin(captureTransactionAction, { transactionId: authorized.transactionIds[0] });
    if (!captured.ok) throw new Error(JSON.stringify(captured));
    const ep = await getDb().execute<{ transaction_type: string; status: string }>(
      sql`select transaction_type, status from sandbox_elasticpath.transactions where order_id = ${order.id} order by created_at`,
    );
    expect(ep.rows.map((r) => r.transaction_type)).toEqual(["authorize", "capture"]);
    const [row] = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, t.merchantA), eq(transactions.providerId, authorized.transactionIds[0]!)));
    expect(row).toMatchObject({ capturedAmount: 1800, channel: "storefront" });
    await expectChannelRollupsMatchRows(t.merchantA);
  });

  it("moves a row that the sync cached first into the storefront channel when the storefront service learns it", async () => {
    const [store] = await getDb().select().from(elasticPathStores).where(eq(elasticPathStores.merchantId, t.merchantA));
    const order = await control("orders", { client_id: store!.clientId, amount: 1500 });
    // Charge through the emulator directly, then let the reconcile job cache it first (channel unknown).
    const { accessToken } = unsealElasticPathSecret(store!.credentialsEnc, store!.id);
    const r = await fetch(`${origin.url}/sandbox/elasticpath/v2/orders/${order.id}/payments`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ data: { gateway: "card_connect", method: "purchase", payment: reference } }),
    });
    expect(r.status).toBe(200);
    const gw = await gatewayForMerchant(t.merchantA);
    const records = await (gw as unknown as { inquireByOrderid(o: string): Promise<never[]> }).inquireByOrderid(
      order.id,
    );
    // What the reconcile job or a webhook writes: the provider's record, channel unknown.
    await upsertTransactions(getDb(), t.merchantA, records);
    const [before] = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, t.merchantA), eq(transactions.orderId, order.id)));
    expect(before!.channel).toBeNull();
    await upsertTransactions(getDb(), t.merchantA, records, new Date(), { channel: "storefront" });
    const [now] = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, t.merchantA), eq(transactions.orderId, order.id)));
    expect(now!.channel).toBe("storefront");
    await expectChannelRollupsMatchRows(t.merchantA);
  });
});

/** The channel rollups equal an aggregation over the cached rows (the property the sync keeps). */
async function expectChannelRollupsMatchRows(merchantId: string) {
  const rows = await getDb().select().from(transactions).where(eq(transactions.merchantId, merchantId));
  const expected = new Map<string, { volume: number; count: number }>();
  for (const r of rows) {
    const c = contributionOf(r);
    if (c.grossVolume === 0) continue;
    const k = `${c.day}|${c.channel}`;
    const e = expected.get(k) ?? { volume: 0, count: 0 };
    e.volume += c.grossVolume;
    e.count += 1;
    expected.set(k, e);
  }
  const actual = new Map<string, { volume: number; count: number }>();
  for (const r of await getDb()
    .select()
    .from(dailyChannelRollups)
    .where(eq(dailyChannelRollups.merchantId, merchantId))) {
    if (r.volume === 0 && r.count === 0) continue;
    actual.set(`${r.day}|${r.channel}`, { volume: r.volume, count: r.count });
  }
  expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
}
