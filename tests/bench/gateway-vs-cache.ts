import { performance } from "node:perf_hooks";
import { getDb } from "@/db/client";
import { getTotals } from "@/db/queries/dashboard";
import { merchants, partners } from "@/db/schema";
import { periodFromSearch } from "@/lib/dashboard/range";
import { setProcessEnv } from "@/lib/env";
import { createFluidPayAdapter } from "@/lib/gateway/fluidpay/adapter";
import type { Transaction } from "@/lib/gateway/types";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { handler } from "@portal/sandbox/fluidpay";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import { serve } from "@/tests/helpers/serve";
import { fmt, time } from "./stats";

/**
 * The same dashboard figure (volume and counts over the period) computed by paging the sandbox
 * gateway's search (100 per page, as the API allows) versus reading the cache's rollups. The emulator pages in SQL
 * and answers each API request after `latencyMs` (`SANDBOX_LATENCY_MS`, docs/sandbox.md), standing for the real
 * service's round trip; the rows are created without it.
 */
export async function gatewayVsCache(rows: number, runs: number, latencyMs: number) {
  const s = await serve(handler);
  try {
    setProcessEnv("APP_URL", s.url);
    const res = await fetch(`${s.url}/sandbox/gateway/_control/accounts`, { method: "POST", body: "{}" });
    const account = ((await res.json()) as { data: { api_key: string; public_key: string } }).data;
    const gateway = createFluidPayAdapter({
      baseUrl: `${s.url}/sandbox/gateway/api`,
      apiKey: account.api_key,
      publicKey: account.public_key,
    });
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < rows; i = next++) {
        await gateway.transactions.create({
          type: "sale",
          amount: 100 + ((i * 7919) % 50_000),
          source: { kind: "card", number: "4111111111111111", expiration: "12/30" },
          idempotencyKey: idempotencyKeyFor("bench", i),
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const createMs = performance.now() - t0;
    console.log(`gateway: created ${rows.toLocaleString()} sandbox transactions in ${fmt(createMs)}`);

    setProcessEnv("SANDBOX_LATENCY_MS", String(latencyMs));
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const pageAll = async () => {
      let volume = 0;
      let count = 0;
      for (let offset = 0; ; offset += 100) {
        const page = await gateway.transactions.search({ createdFrom: since, limit: 100, offset });
        for (const t of page.items as Transaction[]) {
          volume += t.capturedAmount;
          count++;
        }
        if (page.items.length < 100) return { volume, count };
      }
    };
    const paging = await time(Math.min(runs, rows >= 50_000 ? 3 : 10), pageAll, 0);

    const db = getDb();
    const [p] = await db.insert(partners).values({ name: "Bench gateway partner" }).returning();
    const [m] = await db
      .insert(merchants)
      .values({ partnerId: p!.id, name: "Bench gateway merchant", gateway: "fluidpay" })
      .returning({ id: merchants.id });
    const t1 = performance.now();
    await syncMerchantTransactions(m!.id, { kind: "backfill", gateway });
    const syncMs = performance.now() - t1;
    setProcessEnv("SANDBOX_LATENCY_MS", "0");
    const period = periodFromSearch({ range: "7" });
    const cache = await time(runs, () => getTotals({ merchantId: m!.id, from: period.from, to: period.to }, db));
    const check = await pageAll();
    const cached = await getTotals({ merchantId: m!.id, from: period.from, to: period.to }, db);
    const ratio = Math.round(paging.p50 / Math.max(cache.p50, 0.001));
    console.log(
      `paging the gateway (100/page, ${latencyMs} ms per request): p50 ${fmt(paging.p50)}; cache rollups: p50 ${fmt(cache.p50)} = ${ratio.toLocaleString()}× (one backfill: ${fmt(syncMs)}); same volume: ${cached.grossVolume === check.volume}`,
    );
    return {
      rows,
      latencyMs,
      cacheVsGatewayRatio: ratio,
      createMs: Math.round(createMs),
      paging,
      cache,
      backfillMs: Math.round(syncMs),
      agree: cached.grossVolume === check.volume,
    };
  } finally {
    setProcessEnv("SANDBOX_LATENCY_MS", "0");
    await s.close();
  }
}
