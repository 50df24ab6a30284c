import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { merchantEvents, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { merchantContextFor, type MerchantContext } from "@/lib/auth/guard";
import { emitMerchantEvent } from "@/lib/sync/merchant-events";
import {
  createEndpoint,
  resendDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
} from "@/lib/services/webhooks/endpoints";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { upsertTransactions } from "@/lib/sync/transactions";
import { makeTransaction } from "@/tests/fixtures/transactions";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { waitFor } from "@/tests/helpers/wait";
import { type Receiver, runWebhookWorker, startReceiver } from "@/tests/helpers/webhooks";

/**
 * Outbound webhooks end to end: emitMerchantEvent in a transaction → pg-boss job → real HTTP POST to a receiver on
 * loopback → retries with backoff → delivery log. The receiver is what a merchant would write: it verifies the
 * signature with the documented recipe and dedupes by event id.
 */

let t: Tenants;
let worker: { close(): Promise<void> };
let ctx: MerchantContext;
let receiver: Receiver;
let secret: string;
const secrets: string[] = [];
/** Event ids the receiver processed (after verification and dedupe), in order. */
const processed: string[] = [];
const failuresLeft = new Map<string, number>();

beforeAll(async () => {
  t = await makeTenants();
  worker = await runWebhookWorker();
  ctx = await merchantContextFor({ id: t.adminA.id, email: t.adminA.email, name: "Admin A" }, t.merchantA);
  receiver = await startReceiver((headers, body) => {
    const ok = secrets.some(
      (s) =>
        verifyWebhookSignature({
          body,
          timestamp: headers["portal-timestamp"] as string,
          signature: headers["portal-signature"] as string,
          secret: s,
        }).ok,
    );
    if (!ok) return { status: 400, body: "bad signature" };
    const id = headers["portal-event-id"] as string;
    // Fails the first two attempts of each event, then takes it.
    const left = failuresLeft.get(id) ?? 2;
    if (left > 0) {
      failuresLeft.set(id, left - 1);
      return { status: 503, body: `busy, try later (${left})` };
    }
    if (!processed.includes(id)) processed.push(id);
    return { status: 200, body: "ok" };
  });
  const created = await createEndpoint(ctx, {
    url: receiver.url,
    description: "Bookkeeping",
    eventTypes: ["payment.created", "invoice.paid"],
  });
  secret = created.secret;
  secrets.push(secret);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await receiver?.stop();
  await closeDb();
});

async function deliveriesOf(eventId: string) {
  return getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
}

const settled = (eventId: string) =>
  waitFor(async () => {
    const ds = await deliveriesOf(eventId);
    return ds.length > 0 && ds.every((d) => d.status === "succeeded" || d.status === "failed") ? ds : undefined;
  }, 45_000);

describe("outbound webhooks", () => {
  it("delivers each event exactly once after dedupe, to a receiver that fails twice, with a verifiable signature", async () => {
    const [a, b] = await getDb().transaction(async (tx) => [
      await emitMerchantEvent(t.merchantA, "payment.created", { id: "txn-1", amount: 1250, currency: "USD" }, tx),
      await emitMerchantEvent(t.merchantA, "invoice.paid", { id: "inv-1", amountPaid: 5000 }, tx),
    ]);
    // A rolled-back change announces nothing.
    let rolledBack: string | null = null;
    await getDb()
      .transaction(async (tx) => {
        rolledBack = await emitMerchantEvent(t.merchantA, "payment.created", { id: "txn-rolled-back" }, tx);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    // Not subscribed: nothing is written.
    expect(await emitMerchantEvent(t.merchantA, "refund.created", { id: "r-1" })).toBeNull();
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    for (const id of [a!, b!]) {
      const [d] = await settled(id);
      expect(d!.status).toBe("succeeded");
      expect(d!.attempts).toBe(3);
      const log = await getDb()
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.deliveryId, d!.id))
        .orderBy(webhookAttempts.attempt);
      expect(log.map((l) => l.statusCode)).toEqual([503, 503, 200]);
      expect(log[0]!.responseExcerpt).toContain("busy, try later");
      expect(log[2]!.responseExcerpt).toBe("ok");
    }
    expect(processed.filter((id) => id === a).length).toBe(1);
    expect(processed.filter((id) => id === b).length).toBe(1);
    expect(receiver.requests.filter((r) => r.headers["portal-event-id"] === a).length).toBe(3);
    expect(rolledBack).toBeTruthy();
    expect(await deliveriesOf(rolledBack!)).toEqual([]);
    // Every attempt carried the same body: the event, in minor units, with its id.
    const bodies = new Set(receiver.requests.filter((r) => r.headers["portal-event-id"] === a).map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toMatchObject({
      id: a,
      type: "payment.created",
      data: { id: "txn-1", amount: 1250 },
    });
  });

  it("lets a receiver reject a replayed old request by its timestamp, and a tampered body by its signature", () => {
    const r = receiver.requests.find((q) => q.status === 200)!;
    const ts = Number(r.headers["portal-timestamp"]);
    const sig = r.headers["portal-signature"] as string;
    const check = (now: number, body = r.body, toleranceSeconds?: number) =>
      verifyWebhookSignature({ body, timestamp: String(ts), signature: sig, secret, now, toleranceSeconds });
    expect(check(ts)).toEqual({ ok: true });
    expect(check(ts + 299)).toEqual({ ok: true });
    expect(check(ts + 301)).toEqual({ ok: false, reason: "too-old" });
    expect(check(ts + 3600)).toEqual({ ok: false, reason: "too-old" });
    expect(check(ts + 3600, r.body, 7200)).toEqual({ ok: true });
    expect(check(ts - 301)).toEqual({ ok: false, reason: "too-new" });
    expect(check(ts, r.body.replace("}", ',"amount":1}'))).toEqual({ ok: false, reason: "no-match" });
    // Re-signing with a fresh timestamp needs the secret.
    expect(
      verifyWebhookSignature({ body: r.body, timestamp: String(ts + 600), signature: sig, secret, now: ts + 600 }),
    ).toEqual({ ok: false, reason: "no-match" });
    expect(
      verifyWebhookSignature({ body: r.body, timestamp: String(ts), signature: sig, secret: "whsec_other", now: ts })
        .ok,
    ).toBe(false);
  });

  it("resends a delivered event with the same event id (the receiver's dedupe keeps it once)", async () => {
    const [first] = await getDb()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, "succeeded"))
      .limit(1);
    const before = receiver.requests.filter((r) => r.headers["portal-event-id"] === first!.eventId).length;
    const { deliveryId } = await resendDelivery(ctx, first!.id);
    const done = await waitFor(async () => {
      const [d] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
      return d?.status === "succeeded" ? d : undefined;
    }, 30_000);
    expect(done.manual).toBe(true);
    expect(receiver.requests.filter((r) => r.headers["portal-event-id"] === first!.eventId).length).toBe(before + 1);
    expect(processed.filter((id) => id === first!.eventId).length).toBe(1);
  });

  it("signs with both secrets during a rotation's overlap, and only the new one after", async () => {
    const { secret: next } = await rotateEndpointSecret(ctx, (await endpointId())!, 24);
    failuresLeft.clear();
    const ev = await sendTestEvent(ctx, (await endpointId())!);
    failuresLeft.set(ev.eventId, 0);
    await settled(ev.eventId);
    const r = receiver.requests.find((q) => q.headers["portal-event-id"] === ev.eventId && q.status === 200)!;
    expect(JSON.parse(r.body).type).toBe("test.ping");
    const sig = r.headers["portal-signature"] as string;
    expect(sig.split(",")).toHaveLength(2);
    const ts = r.headers["portal-timestamp"] as string;
    for (const s of [secret, next]) {
      expect(
        verifyWebhookSignature({ body: r.body, timestamp: ts, signature: sig, secret: s, now: Number(ts) }).ok,
      ).toBe(true);
    }
    // Rotating again without overlap: the secret from before no longer signs.
    const { secret: last } = await rotateEndpointSecret(ctx, (await endpointId())!, 0);
    secrets.push(next, last);
    const ev2 = await sendTestEvent(ctx, (await endpointId())!);
    failuresLeft.set(ev2.eventId, 0);
    await settled(ev2.eventId);
    const r2 = receiver.requests.find((q) => q.headers["portal-event-id"] === ev2.eventId)!;
    const sig2 = r2.headers["portal-signature"] as string;
    const ts2 = r2.headers["portal-timestamp"] as string;
    expect(sig2.split(",")).toHaveLength(1);
    expect(
      verifyWebhookSignature({ body: r2.body, timestamp: ts2, signature: sig2, secret: last, now: Number(ts2) }).ok,
    ).toBe(true);
    expect(
      verifyWebhookSignature({ body: r2.body, timestamp: ts2, signature: sig2, secret: next, now: Number(ts2) }).ok,
    ).toBe(false);
  });

  it("announces a payment the cache records (write-through, webhook or reconciliation) and its later status", async () => {
    const tx = makeTransaction({ id: `tx_hook_${Date.now()}`, amount: 4250, authorizedAmount: 4250 });
    await upsertTransactions(getDb(), t.merchantA, [tx]);
    // The same copy again is not news; a new status is.
    await upsertTransactions(getDb(), t.merchantA, [tx]);
    await upsertTransactions(getDb(), t.merchantA, [
      { ...tx, status: "voided", updatedAt: new Date(Date.parse(tx.updatedAt!) + 60_000).toISOString() },
    ]);
    const events = await getDb().select().from(merchantEvents).where(eq(merchantEvents.merchantId, t.merchantA));
    const mine = events.filter((e) => (e.data as { id?: string }).id === tx.id);
    // The endpoint subscribes to payment.created only: the update is not written at all.
    expect(mine.map((e) => e.type)).toEqual(["payment.created"]);
    expect(mine[0]!.data).toMatchObject({ id: tx.id, amount: 4250, approved: true });
    expect(JSON.stringify(mine[0]!.data)).not.toMatch(/4111|cvv/i);
    failuresLeft.set(mine[0]!.id, 0);
    const [d] = await settled(mine[0]!.id);
    expect(d!.status).toBe("succeeded");
    expect(processed).toContain(mine[0]!.id);
  });

  it("stores the secret sealed, sends nothing to a disabled endpoint and keeps merchants apart", async () => {
    const id = (await endpointId())!;
    const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row!.secretEnc).not.toContain("whsec_");
    expect(row!.secretEnc.startsWith("v2.")).toBe(true);
    await updateEndpoint(ctx, id, { url: receiver.url, eventTypes: ["payment.created"], enabled: false });
    expect(await emitMerchantEvent(t.merchantA, "payment.created", { id: "txn-off" })).toBeNull();
    // Merchant B has no endpoint: its events go nowhere, and A's endpoint never sees them.
    expect(await emitMerchantEvent(t.merchantB, "payment.created", { id: "txn-b" })).toBeNull();
    const ctxB = await merchantContextFor({ id: t.adminB.id, email: t.adminB.email, name: "Admin B" }, t.merchantB);
    await expect(sendTestEvent(ctxB, id)).rejects.toThrow(/no longer exists/);
  });
});

async function endpointId() {
  const [e] = await getDb()
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.merchantId, t.merchantA));
  return e?.id;
}
