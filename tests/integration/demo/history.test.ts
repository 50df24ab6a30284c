import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import {
  dailyBrandRollups,
  dailyRollups,
  mailMessages,
  merchants,
  settlementBatches,
  subscriptions,
} from "@/db/schema";
import { generateDemoHistory, historyStart, type HistorySummary } from "@/lib/cli/demo-history";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * The demo history (lib/cli/demo-history.ts), small size, made twice from the same seed on two fresh sandbox accounts
 * whose clocks start at the same moment: the same sales, declines, refunds and totals reach the portal's rollups
 * through the sync path, spread over past days, and no email is queued.
 */
let served: Served;
let t: Tenants;
const now = new Date();
const summaries: HistorySummary[] = [];

async function provision(merchantId: string) {
  const p = await provisionSandboxMerchant(
    { id: merchantId, name: "Acme Coffee", gateway: "fluidpay" },
    { startAt: historyStart("small", now), webhook: false },
  );
  await getDb()
    .update(merchants)
    .set({ mid: p.mid, credentialsEnc: p.credentialsEnc })
    .where(eq(merchants.id, merchantId));
}

async function totals(merchantId: string) {
  const [r] = await getDb()
    .select({
      days: sql<number>`count(*)::int`,
      first: sql<string>`min(${dailyRollups.day})::text`,
      volume: sql<number>`sum(${dailyRollups.grossVolume})::bigint`.mapWith(Number),
      approved: sql<number>`sum(${dailyRollups.approvedCount})::int`,
      declined: sql<number>`sum(${dailyRollups.declinedCount})::int`,
      refunds: sql<number>`sum(${dailyRollups.refundCount})::int`,
    })
    .from(dailyRollups)
    .where(eq(dailyRollups.merchantId, merchantId));
  const brands = await getDb()
    .select({ brand: dailyBrandRollups.brand, n: sql<number>`sum(${dailyBrandRollups.count})::int` })
    .from(dailyBrandRollups)
    .where(eq(dailyBrandRollups.merchantId, merchantId))
    .groupBy(dailyBrandRollups.brand)
    .orderBy(dailyBrandRollups.brand);
  return { ...r, brands };
}

beforeAll(async () => {
  served = await servePortalOrigin();
  t = await makeTenants("fluidpay");
  for (const id of [t.merchantA, t.merchantB]) {
    await provision(id);
    summaries.push(
      await generateDemoHistory(
        [{ id, name: "Acme Coffee", gateway: "fluidpay" }],
        { size: "small", now, say: () => {} },
        `${served.url}/api/webhooks/fluidpay`,
      ),
    );
  }
}, 180_000);

afterAll(async () => {
  await served?.close();
  await closeDb();
});

describe("demo history", () => {
  it("is deterministic: the same seed makes the same history", async () => {
    const [a, b] = summaries;
    expect(a?.sales).toBeGreaterThan(20);
    expect(a?.declines).toBeGreaterThan(0);
    expect(a?.refunds).toBeGreaterThan(0);
    expect(b).toEqual(a);
    const ta = await totals(t.merchantA);
    const tb = await totals(t.merchantB);
    expect(ta.volume).toBeGreaterThan(0);
    expect(ta.brands.length).toBeGreaterThanOrEqual(3);
    expect(tb).toEqual(ta);
  });

  it("reaches the portal through the sync path, spread over past days, with batches and subscriptions", async () => {
    const ta = await totals(t.merchantA);
    expect(ta.days).toBeGreaterThan(20);
    expect(new Date(`${ta.first}T00:00:00Z`).getTime()).toBeLessThan(now.getTime() - 25 * 86_400_000);
    // Plus what the sandbox's billing engine charged and what invoice payments brought in.
    expect(ta.approved).toBeGreaterThanOrEqual(summaries[0]?.sales ?? Infinity);
    expect(ta.declined).toBeGreaterThanOrEqual(summaries[0]?.declines ?? Infinity);
    const [batches] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(settlementBatches)
      .where(eq(settlementBatches.merchantId, t.merchantA));
    expect(batches?.n).toBeGreaterThan(20);
    const subs = await getDb()
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(eq(subscriptions.merchantId, t.merchantA));
    expect(new Set(subs.map((s) => s.status))).toEqual(new Set(["active", "past_due", "cancelled"]));
  });

  it("sends no email", async () => {
    const rows = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(mailMessages)
      .where(sql`${mailMessages.merchantId} in (${t.merchantA}, ${t.merchantB})`);
    expect(rows[0]?.n).toBe(0);
  });
});
