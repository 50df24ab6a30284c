import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { invoices, merchants, transactions, webhookEvents } from "@/db/schema";
import { fluidPayWebhookEventId, signFluidPayBody } from "@/lib/gateway/fluidpay/webhooks";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { unsealCredentials } from "@/lib/connections/credentials";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { webhookMerchant } from "@/tests/helpers/sandbox-merchant";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { openForFile } from "@/tests/helpers/for-file";
import { waitFor } from "@/tests/helpers/wait";

let merchantId: string;
let secret: string;
let accountId: string;

async function cached(providerId: string) {
  const [row] = await getDb()
    .select()
    .from(transactions)
    .where(and(eq(transactions.merchantId, merchantId), eq(transactions.providerId, providerId)));
  return row;
}

/** Delivered bodies carry the signed action_at the gateway puts in them; the dedupe id is a digest of the body. */
const rawByHeaderId = new Map<string, string>();

async function deliver(body: object, opts: { eventId: string; secret?: string }) {
  const raw = `${JSON.stringify({ action_at: new Date().toISOString(), ...body })}\n`;
  rawByHeaderId.set(opts.eventId, raw);
  return fetch(`${origin.url}/api/webhooks/fluidpay`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      signature: signFluidPayBody(raw, opts.secret ?? secret),
      "x-webhook-event-id": opts.eventId,
    },
    body: raw,
  });
}

const origin = openForFile(servePortalOrigin);
beforeAll(async () => {
  ({ merchantId, secret, accountId } = await webhookMerchant("Webhook Test"));
});

describe("webhooks", () => {
  it("the test delivery the gateway sends on registration (fixed test secret, services.md L342) is accepted, not retried", async () => {
    // Issue 22 §6: a fresh start logged ten "signature did not verify" — these test pings, five retries each.
    const creds = unsealCredentials(
      (await getDb().select().from(merchants).where(eq(merchants.id, merchantId)))[0]?.credentialsEnc as string,
      merchantId,
    ).gateway;
    const apiKey = creds.family === "fluidpay" ? creds.apiKey : "";
    const deliveries = await waitFor(async () => {
      const res = await fetch(`${origin.url}/sandbox/gateway/_control/webhook/deliveries`, {
        headers: { authorization: apiKey },
      });
      const d = ((await res.json()) as { data: { type: string; status: string; attempts: number }[] }).data;
      return d.some((x) => x.type === "test" && x.status !== "pending") ? d : undefined;
    });
    expect(deliveries.filter((d) => d.type === "test")).toEqual([
      expect.objectContaining({ type: "test", status: "delivered", attempts: 1 }),
    ]);
    // Signed with the merchant's secret or the test secret, only `type: "test"` is acknowledged without ingesting.
    const before = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents);
    const test = await deliver(
      { type: "test", account_type_id: accountId, data: {} },
      { eventId: "t1", secret: "00000000-0000-4000-8000-000000000001" },
    );
    expect(test.status).toBe(200);
    const sneaky = await deliver(
      { type: "transaction_create", account_type_id: accountId, data: { id: "via-test-secret" } },
      { eventId: "t2", secret: "00000000-0000-4000-8000-000000000001" },
    );
    expect(sneaky.status).toBe(401);
    const after = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it("a sale made at the gateway reaches the cache through its signed webhook alone", async () => {
    const gateway = await gatewayForMerchant(merchantId);
    const sale = await gateway.transactions.create({
      type: "sale",
      amount: 1999,
      source: { kind: "card", number: "4111111111111111", expiration: "12/30" },
      idempotencyKey: idempotencyKeyFor("webhook-test", merchantId),
    });
    // Nothing wrote it through: only the sandbox's delivery can put it in the cache.
    const row = await waitFor(() => cached(sale.id));
    expect(row).toMatchObject({ amount: 1999, status: sale.status, lastFour: "1111" });
  });

  it("rejects a forged signature with 401 and changes nothing", async () => {
    const before = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents);
    const res = await deliver(
      { type: "transaction_create", account_type_id: accountId, data: { id: "forged" } },
      { eventId: "forged-1", secret: "not-the-secret-0000000000" },
    );
    expect(res.status).toBe(401);
    expect(await cached("forged")).toBeUndefined();
    const after = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it("rejects an unknown account, a missing signature and garbage the same way", async () => {
    const unknown = await deliver(
      { type: "transaction_create", account_type_id: "nobody", data: {} },
      { eventId: "u1" },
    );
    expect(unknown.status).toBe(401);
    const unsigned = await fetch(`${origin.url}/api/webhooks/fluidpay`, { method: "POST", body: "{}" });
    expect(unsigned.status).toBe(401);
    const garbage = await fetch(`${origin.url}/api/webhooks/fluidpay`, { method: "POST", body: "\u0000not json" });
    expect(garbage.status).toBe(401);
    const other = await fetch(`${origin.url}/api/webhooks/stripe`, { method: "POST", body: "{}" });
    expect(other.status).toBe(404);
  });

  it("ingests the same event once, and an older event never overwrites a newer one", async () => {
    const gateway = await gatewayForMerchant(merchantId);
    const sale = await gateway.transactions.create({
      type: "sale",
      amount: 500,
      source: { kind: "card", number: "4111111111111111", expiration: "12/30" },
      idempotencyKey: idempotencyKeyFor("webhook-dedupe", merchantId),
    });
    await waitFor(() => cached(sale.id));
    // Replay a settled version, then a stale authorized version of the same transaction.
    const wire = await fetch(`${origin.url}/sandbox/gateway/api/transaction/${sale.id}`, {
      headers: {
        authorization: (unsealCredentials((await creds()) as string, merchantId).gateway as { apiKey: string }).apiKey,
      },
    }).then((r) => r.json() as Promise<{ data: Record<string, unknown>[] }>);
    const current = wire.data[0] as Record<string, unknown>;
    const newer = { ...current, status: "settled", updated_at: "2099-01-01T00:00:00Z" };
    const older = { ...current, status: "voided", updated_at: "2000-01-01T00:00:00Z" };
    const event = { type: "transaction_update", account_type_id: accountId, transaction_id: sale.id };
    const newerEvent = { ...event, data: newer, action_at: new Date().toISOString() };
    expect((await deliver(newerEvent, { eventId: `e-${sale.id}-1` })).status).toBe(200);
    const dup = await deliver(newerEvent, { eventId: `e-${sale.id}-1` });
    expect(await dup.json()).toEqual({ received: true, duplicate: true });
    expect((await deliver({ ...event, data: older }, { eventId: `e-${sale.id}-0` })).status).toBe(200);
    expect((await cached(sale.id))?.status).toBe("settled");
    const events = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents)
      .where(eq(webhookEvents.eventId, fluidPayWebhookEventId(rawByHeaderId.get(`e-${sale.id}-1`) ?? "")));
    expect(events[0]?.n).toBe(1);
  });

  it("an invoice paid at the gateway updates the invoices and transactions caches by webhook", async () => {
    const gateway = await gatewayForMerchant(merchantId);
    const addr = {
      firstName: "Pat",
      lastName: "Payer",
      line1: "1 Main St",
      city: "Springfield",
      state: "IL",
      postalCode: "62701",
      country: "US",
    };
    const inv = await gateway.invoices.create({
      invoiceNumber: `WH${Date.now()}`.slice(0, 15),
      companyName: "Webhook Test",
      payableTo: { ...addr, company: "Webhook Test" },
      billTo: { ...addr, email: "pat@example.com" },
      dateDue: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      items: [{ name: "Widget", quantity: 2, unitPrice: 1500 }],
      paymentMethods: ["card"],
    });
    // Paid by the customer on the gateway's own hosted page (not through the portal): only the webhook tells.
    const form = new URLSearchParams({ number: "4111111111111111", expiration_date: "12/30", cvc: "123" });
    expect((await fetch(`${inv.hostedUrl}/pay`, { method: "POST", body: form })).status).toBe(200);
    const row = await waitFor(async () => {
      const [r] = await getDb()
        .select()
        .from(invoices)
        .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, inv.id)));
      return r && r.amountPaid === 3000 ? r : undefined;
    });
    expect(row.status).toBe("paid");
    const [t] = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, merchantId), eq(transactions.invoiceId, inv.id)));
    expect(t?.amount).toBe(3000);
  });
});

async function creds() {
  const [m] = await getDb().select({ c: merchants.credentialsEnc }).from(merchants).where(eq(merchants.id, merchantId));
  return m?.c;
}
