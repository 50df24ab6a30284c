import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { from as copyFrom } from "pg-copy-streams";
import { getDb, getPool } from "@/db/client";
import { getBrandMix, getDeclineReasons, getTotals, getVolumeByDay } from "@/db/queries/dashboard";
import { listTransactions } from "@/db/queries/transactions";
import { merchants, partners, transactions } from "@/db/schema";
import { periodFromSearch } from "@/lib/dashboard/range";
import { rowFromTransaction, upsertTransactions } from "@/lib/sync/transactions";
import { benchTransaction, rng } from "./generate";
import { fmt, time, type Timing } from "./stats";
import { gatewayVsCache } from "./gateway-vs-cache";

export interface BenchConfig {
  merchantRows: number;
  totalRows: number;
  gatewayRows: number;
  /** Per-request latency of the emulated gateway while it is paged (`SANDBOX_LATENCY_MS`). */
  gatewayLatencyMs: number;
  runs: number;
  days: number;
}

const say = (s: string) => console.log(s);
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

export async function runScenario(cfg: BenchConfig) {
  const db = getDb();
  const [partner] = await db.insert(partners).values({ name: "Bench partner" }).returning();
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const [m] = await db
      .insert(merchants)
      .values({ partnerId: partner!.id, name: `Bench merchant ${i}`, gateway: "fluidpay" })
      .returning({ id: merchants.id });
    ids.push(m!.id);
  }
  const [target, ...others] = ids as [string, ...string[]];
  const now = Date.now();

  // Other merchants' rows: generated server-side, only to give the tables a realistic size.
  const background = Math.max(0, cfg.totalRows - cfg.merchantRows);
  const t0 = performance.now();
  const per = Math.ceil(background / others.length);
  for (const m of others) {
    for (let done = 0; done < per; done += 500_000) {
      const n = Math.min(500_000, per - done);
      await db.execute(sql`
        insert into transactions (merchant_id, provider_id, family, type, status, approved, amount, authorized_amount,
          captured_amount, settled_amount, currency, method_kind, card_brand, masked_number, last_four, response_code,
          response_text, provider_created_at, provider_updated_at)
        select ${m}::uuid, 'bg' || (${done} + g), 'fluidpay', 'sale', 'settled', true, 100 + g % 50000, 100 + g % 50000,
          100 + g % 50000, 100 + g % 50000, 'USD', 'card', 'visa', '411111******' || lpad((g % 10000)::text, 4, '0'),
          lpad((g % 10000)::text, 4, '0'), 100, 'Approved',
          now() - ((g::bigint * 7919) % (${cfg.days} * 86400)) * interval '1 second',
          now() - ((g::bigint * 7919) % (${cfg.days} * 86400)) * interval '1 second'
        from generate_series(1, ${n}) g`);
    }
  }
  say(
    `background: ${background.toLocaleString()} rows for ${others.length} other merchants in ${fmt(performance.now() - t0)}`,
  );

  // Backfill through the production upsert path (rollups maintained in the same transactions).
  const rand = rng(42);
  const t1 = performance.now();
  const batch = 5000;
  for (let i = 0; i < cfg.merchantRows; i += batch) {
    const items = Array.from({ length: Math.min(batch, cfg.merchantRows - i) }, (_, k) =>
      benchTransaction(i + k, rand, now, cfg.days),
    );
    await upsertTransactions(db, target, items);
    if (cfg.merchantRows >= 100_000 && (i / batch) % 20 === 0)
      say(`  backfill ${i.toLocaleString()} / ${cfg.merchantRows.toLocaleString()}`);
  }
  const backfillMs = performance.now() - t1;
  const backfillRate = rate(cfg.merchantRows, backfillMs);
  say(
    `backfill (upsert + rollups): ${cfg.merchantRows.toLocaleString()} rows in ${fmt(backfillMs)} = ${backfillRate.toLocaleString()} rows/s`,
  );

  // The same rows by a plain COPY into a copy of the table (the floor for any write path).
  await db.execute(sql`create table bench_copy (like transactions including defaults including indexes)`);
  const cols = Object.keys(rowFromTransaction(target, benchTransaction(0, rng(1), now, cfg.days)));
  const snake = cols.map((c) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`));
  const client = await getPool().connect();
  const t2 = performance.now();
  try {
    const rand2 = rng(42);
    const lines = (function* () {
      for (let i = 0; i < cfg.merchantRows; i++) {
        const row = rowFromTransaction(target, benchTransaction(i, rand2, now, cfg.days)) as Record<string, unknown>;
        yield `${cols.map((c) => copyValue(row[c])).join("\t")}\n`;
      }
    })();
    await pipeline(Readable.from(lines), client.query(copyFrom(`copy bench_copy (${snake.join(",")}) from stdin`)));
  } finally {
    client.release();
  }
  const copyMs = performance.now() - t2;
  const copyRate = rate(cfg.merchantRows, copyMs);
  say(`plain COPY of the same rows: ${fmt(copyMs)} = ${copyRate.toLocaleString()} rows/s`);
  say(`backfill / COPY: ${(backfillRate / copyRate).toFixed(2)}× (goal ≥ 0.4×, ≥ 15,000 rows/s)`);
  await db.execute(sql`drop table bench_copy`);
  await db.execute(sql`analyze`);

  // Dashboard: the page's queries over rollups, the same aggregates in raw SQL, and naive aggregation over raw rows.
  const period = periodFromSearch({ range: String(cfg.days) });
  const range = { merchantId: target, from: period.from, to: period.to };
  const dashboard = await time(cfg.runs, () =>
    Promise.all([
      getTotals(range, db),
      getTotals({ merchantId: target, ...period.previous }, db),
      getVolumeByDay(range, db),
      getDeclineReasons(range, undefined, db),
      getBrandMix(range, db),
    ]),
  );
  const pool = getPool();
  const rawSql = await time(cfg.runs, () =>
    Promise.all([
      pool.query(
        "select sum(gross_volume), sum(refund_amount), sum(approved_count), sum(declined_count) from daily_rollups where merchant_id = $1 and day between $2 and $3",
        [target, period.from, period.to],
      ),
      pool.query(
        "select sum(gross_volume), sum(refund_amount), sum(approved_count), sum(declined_count) from daily_rollups where merchant_id = $1 and day between $2 and $3",
        [target, period.previous.from, period.previous.to],
      ),
      pool.query(
        "select day, sum(gross_volume), sum(approved_count), sum(declined_count), sum(refund_amount) from daily_rollups where merchant_id = $1 and day between $2 and $3 group by day order by day",
        [target, period.from, period.to],
      ),
      pool.query(
        "select reason, sum(count) c from daily_decline_rollups where merchant_id = $1 and day between $2 and $3 group by reason order by c desc limit 8",
        [target, period.from, period.to],
      ),
      pool.query(
        "select brand, sum(volume) v from daily_brand_rollups where merchant_id = $1 and day between $2 and $3 group by brand order by v desc",
        [target, period.from, period.to],
      ),
    ]),
  );
  const naiveRuns = Math.min(cfg.runs, 10);
  const naive = await time(
    naiveRuns,
    () =>
      Promise.all([
        pool.query(
          "select sum(captured_amount) filter (where type in ('sale','authorize') and status <> 'declined'), count(*) filter (where status = 'declined') from transactions where merchant_id = $1 and provider_created_at >= $2::date",
          [target, period.from],
        ),
        pool.query(
          "select sum(captured_amount) filter (where type in ('sale','authorize') and status <> 'declined') from transactions where merchant_id = $1 and provider_created_at >= $2::date and provider_created_at < $3::date",
          [target, period.previous.from, period.from],
        ),
        pool.query(
          "select provider_created_at::date d, sum(captured_amount), count(*) filter (where status='declined') from transactions where merchant_id = $1 and provider_created_at >= $2::date group by d order by d",
          [target, period.from],
        ),
        pool.query(
          "select response_text, count(*) c from transactions where merchant_id = $1 and status = 'declined' and provider_created_at >= $2::date group by response_text order by c desc limit 8",
          [target, period.from],
        ),
        pool.query(
          "select card_brand, sum(captured_amount) v from transactions where merchant_id = $1 and status <> 'declined' and provider_created_at >= $2::date group by card_brand",
          [target, period.from],
        ),
      ]),
    1,
  );
  say(`dashboard queries (rollups): p50 ${fmt(dashboard.p50)}, p95 ${fmt(dashboard.p95)}`);
  say(`raw SQL, same aggregates:    p50 ${fmt(rawSql.p50)}, p95 ${fmt(rawSql.p95)}`);
  say(`naive over raw rows:         p50 ${fmt(naive.p50)}, p95 ${fmt(naive.p95)}`);

  // Transaction search over the cache, the transactions page's query.
  const searches = [
    () => ({}),
    (i: number) => ({ lastFour: String(1000 + ((i * 37) % 9000)) }),
    () => ({ status: "declined" as const }),
    (i: number) => ({
      from: period.from,
      to: new Date(Date.parse(period.from) + ((i % 80) + 7) * 86_400_000).toISOString().slice(0, 10),
    }),
    () => ({ min: 10_000, max: 12_000 }),
    (i: number) => ({ orderId: `ORD${(i * 7919) % cfg.merchantRows}` }),
  ];
  const search = await time(cfg.runs * searches.length, (i) =>
    listTransactions({ merchantId: target, filters: searches[i % searches.length]!(i), limit: 25 }, db),
  );
  say(`transaction search (cache, 25 per page): p50 ${fmt(search.p50)}, p95 ${fmt(search.p95)}`);

  const gateway = await gatewayVsCache(cfg.gatewayRows, cfg.runs, cfg.gatewayLatencyMs);
  const [{ n: count }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${transactions}`))
    .rows as [{ n: number }];
  return {
    rows: { total: count, merchant: cfg.merchantRows },
    backfill: { rowsPerSecond: backfillRate, ms: Math.round(backfillMs) },
    copy: { rowsPerSecond: copyRate, ms: Math.round(copyMs) },
    dashboard: { rollups: dashboard, rawSql, naive },
    search,
    gateway,
    targets: {
      dashboardP95Under150ms: dashboard.p95 <= 150,
      dashboardWithin1_5xRawSql: dashboard.p95 <= 1.5 * rawSql.p95,
      searchP95Under50ms: search.p95 <= 50,
      backfillOver15k: backfillRate >= 15_000,
      backfillOver0_4xCopy: backfillRate >= 0.4 * copyRate,
    },
  } satisfies Record<string, unknown> & { search: Timing };
}

function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  return String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
}
