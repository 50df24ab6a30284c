import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { merchants, transactions, webhookEvents } from "@/db/schema";
import { fluidPayWebhookEventId, signFluidPayBody } from "@/lib/gateway/fluidpay/webhooks";
import { unsealCredentials } from "@/lib/connections/credentials";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { makeWorld, tokenize } from "../virtual-terminal/setup";
import { recomputedRollups, rollupSnapshot, storedRollups } from "./rollups";
import { openForFile } from "@/tests/helpers/for-file";
import { waitFor } from "@/tests/helpers/wait";

/**
 * Webhooks under hostile and unlucky delivery (issue #10 item 6): forged signatures, replays, reordering and a flood
 * of duplicates over loopback HTTP to the real receiver (/api/webhooks/fluidpay). The basics — a forged signature
 * with an unknown body, an unknown account, garbage, one replay and one stale version — are in
 * tests/integration/sync/webhooks.test.ts; this file adds genuine bodies signed wrong, repeated replays with the
 * rollups watched, every delivery order of a transaction's versions, and 500 concurrent duplicates.
 */
let secret: string;
let accountId: string;
const FLOOD = 500;
const IN_FLIGHT = 100;

const w = openForFile(makeWorld);
beforeAll(async () => {
  const [m] = await getDb()
    .select({ c: merchants.credentialsEnc })
    .from(merchants)
    .where(eq(merchants.id, w.t.merchantA));
  const creds = unsealCredentials(m?.c as string, w.t.merchantA).gateway;
  if (creds.family !== "fluidpay" || !creds.webhookSecret || !creds.accountId) throw new Error("no webhook secret");
  secret = creds.webhookSecret;
  accountId = creds.accountId;
});

const merchantId = () => w.t.merchantA;

/** The raw body an event object is delivered as: stamped with a signed action_at once, then byte-identical. */
const rawOf = new WeakMap<object, string>();
/** The raw body last delivered under each X-Webhook-Event-Id (the stored dedupe id is a digest of the body). */
const rawByHeaderId = new Map<string, string>();

function deliver(body: object | string, eventId: string, signWith = secret): Promise<Response> {
  let raw: string;
  if (typeof body === "string") raw = body;
  else {
    raw = rawOf.get(body) ?? `${JSON.stringify({ action_at: new Date().toISOString(), ...body })}\n`;
    rawOf.set(body, raw);
  }
  rawByHeaderId.set(eventId, raw);
  return w.browserFetch(`${w.served.url}/api/webhooks/fluidpay`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      signature: signFluidPayBody(raw, signWith),
      "x-webhook-event-id": eventId,
    },
    body: raw,
  });
}

async function sale(amount: number) {
  const gateway = await gatewayForMerchant(merchantId());
  return gateway.transactions.create({
    type: "sale",
    amount,
    source: { kind: "token", token: await tokenize(w) },
    idempotencyKey: randomUUID(),
  });
}

/** The gateway's own wire object of a transaction (what its webhooks carry). */
async function wire(id: string): Promise<Record<string, unknown>> {
  const res = await w.browserFetch(`${w.served.url}/sandbox/gateway/api/transaction/${id}`, {
    headers: { authorization: w.apiKey },
  });
  return ((await res.json()) as { data: Record<string, unknown>[] }).data[0] as Record<string, unknown>;
}

async function cachedRow(id: string) {
  const [row] = await getDb()
    .select({ status: transactions.status, amount: transactions.amount, settled: transactions.settledAmount })
    .from(transactions)
    .where(and(eq(transactions.merchantId, merchantId()), eq(transactions.providerId, id)));
  return row;
}

async function eventRows(eventId?: string): Promise<number> {
  const [r] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .where(
      eventId
        ? eq(webhookEvents.eventId, fluidPayWebhookEventId(rawByHeaderId.get(eventId) ?? ""))
        : eq(webhookEvents.merchantId, merchantId()),
    );
  return r?.n ?? 0;
}

/** Runs `n` tasks with at most `limit` in flight (a bounded flood on loopback). */
async function bounded<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

/** A settled version of the transaction, `minutes` after its creation. */
function version(base: Record<string, unknown>, status: string, minutes: number): Record<string, unknown> {
  const at = new Date(new Date(String(base.created_at)).getTime() + minutes * 60_000).toISOString();
  return { ...base, status, updated_at: at, ...(status === "settled" ? { amount_settled: base.amount } : {}) };
}

describe("webhooks: hostile and unlucky delivery", () => {
  it("forged signatures on a genuine body (wrong secret, body changed after signing, another account's secret) → 401, nothing stored, rollups unchanged", async () => {
    const tx = await sale(1234);
    const row = await waitFor(() => cachedRow(tx.id));
    await waitFor(async () => ((await eventRows()) > 0 ? true : undefined));
    const events = await eventRows();
    const rollups = await rollupSnapshot(merchantId());
    const event = {
      type: "transaction_update",
      account_type_id: accountId,
      data: version(await wire(tx.id), "voided", 5),
    };
    const raw = `${JSON.stringify({ action_at: new Date().toISOString(), ...event })}\n`;
    const forged = [
      await deliver(event, `forged-${tx.id}-1`, "not-the-merchant-secret-0000"),
      // Signed correctly, then the amount changed in flight.
      await w.browserFetch(`${w.served.url}/api/webhooks/fluidpay`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          signature: signFluidPayBody(raw, secret),
          "x-webhook-event-id": `forged-${tx.id}-2`,
        },
        body: raw.replace('"voided"', '"refunded"'),
      }),
      await deliver(event, `forged-${tx.id}-3`, `${secret}x`),
    ];
    for (const res of forged) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ received: false, error: "invalid signature" });
    }
    expect(await eventRows()).toBe(events);
    expect(await cachedRow(tx.id)).toEqual(row);
    expect(await rollupSnapshot(merchantId())).toBe(rollups);
  });

  it("a valid delivery replayed (same event id, and the same content under new ids) is ingested once; rollups unchanged", async () => {
    const tx = await sale(2500);
    await waitFor(() => cachedRow(tx.id));
    const settled = {
      type: "transaction_update",
      account_type_id: accountId,
      data: version(await wire(tx.id), "settled", 60),
    };
    const eventId = `replay-${tx.id}`;
    const first = await deliver(settled, eventId);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    const afterFirst = await rollupSnapshot(merchantId());
    expect((await cachedRow(tx.id))?.status).toBe("settled");
    for (let i = 0; i < 5; i++) {
      const again = await deliver(settled, eventId);
      expect(await again.json()).toEqual({ received: true, duplicate: true });
    }
    // The same signed content under a new delivery id (the id header is not signed) is the same event: a duplicate.
    for (let i = 0; i < 3; i++) {
      const again = await deliver(settled, `${eventId}-resend-${i}`);
      expect(await again.json()).toEqual({ received: true, duplicate: true });
    }
    expect(await eventRows(eventId)).toBe(1);
    expect(await rollupSnapshot(merchantId())).toBe(afterFirst);
    expect(await storedRollups(merchantId())).toEqual(await recomputedRollups(merchantId()));
  });

  it("every delivery order of a transaction's versions converges to the newest; rollups equal a full recompute", async () => {
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const tx = await sale(1000 + order.join("").length * 7 + order[0]!);
      await waitFor(() => cachedRow(tx.id));
      const base = await wire(tx.id);
      // pending_settlement (created) → settled (+1 h) → voided is not allowed after settling, so: settled → refunded.
      const versions = [
        version(base, "pending_settlement", 1),
        version(base, "settled", 60),
        version(base, "refunded", 120),
      ];
      for (const v of order) {
        const res = await deliver(
          { type: "transaction_update", account_type_id: accountId, data: versions[v] },
          `order-${tx.id}-${v}`,
        );
        expect(res.status).toBe(200);
      }
      expect((await cachedRow(tx.id))?.status, `order ${order.join(",")}`).toBe("refunded");
    }
    expect(await storedRollups(merchantId())).toEqual(await recomputedRollups(merchantId()));
  }, 60_000);

  it(`a flood of ${FLOOD} concurrent duplicate deliveries (≤ ${IN_FLIGHT} in flight) → one ingestion, no 5xx, rollups equal a full recompute`, async () => {
    const tx = await sale(4321);
    await waitFor(() => cachedRow(tx.id));
    const settled = {
      type: "transaction_update",
      account_type_id: accountId,
      data: version(await wire(tx.id), "settled", 90),
    };
    const eventId = `flood-${tx.id}`;
    const started = Date.now();
    const answers = await bounded(FLOOD, IN_FLIGHT, async () => {
      const res = await deliver(settled, eventId);
      return { status: res.status, body: (await res.json()) as { duplicate?: boolean } };
    });
    const ms = Date.now() - started;
    const statuses = answers.reduce<Record<number, number>>(
      (a, r) => ({ ...a, [r.status]: (a[r.status] ?? 0) + 1 }),
      {},
    );
    expect(statuses).toEqual({ 200: FLOOD });
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1);
    expect(await eventRows(eventId)).toBe(1);
    expect((await cachedRow(tx.id))?.status).toBe("settled");
    // And the same content under 100 distinct delivery ids (a gateway retrying with new ids): one row, same rollups.
    const before = await rollupSnapshot(merchantId());
    const distinct = await bounded(
      FLOOD / 5,
      IN_FLIGHT,
      async (i) => (await deliver(settled, `${eventId}-${i}`)).status,
    );
    expect(distinct.filter((s) => s !== 200)).toEqual([]);
    expect(await rollupSnapshot(merchantId())).toBe(before);
    expect(await storedRollups(merchantId())).toEqual(await recomputedRollups(merchantId()));
    console.log(`webhook flood: ${FLOOD} duplicates in ${ms} ms (${Math.round((FLOOD / ms) * 1000)}/s), 1 ingested`);
  }, 120_000);
});
