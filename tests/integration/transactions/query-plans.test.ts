import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, getPool } from "@/db/client";
import { listTransactions } from "@/db/queries/transactions";
import * as schema from "@/db/schema";
import type { TransactionFilters } from "@/lib/validations/transactions";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * Regression guard for the search's plans: with enough rows that a full scan + sort is the expensive choice, every
 * filter shape of the transactions page reads an index and never sorts the merchant's whole table. (A `DESC` index
 * silently stopped matching `ORDER BY … DESC` and every list became a parallel seq scan: 1.2 s at 1M rows.)
 */
let t: Tenants;
const ROWS = 40_000;

type Plan = {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  Plans?: Plan[];
};
/** Rows a node read: what it returned plus what its filter threw away, over all loops. */
const rowsRead = (n: Plan) =>
  ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0) + (n["Rows Removed by Index Recheck"] ?? 0)) *
  (n["Actual Loops"] ?? 1);
function nodes(p: Plan): Plan[] {
  return [p, ...(p.Plans ?? []).flatMap(nodes)];
}

/** The SQL and parameters drizzle sends for one call of listTransactions, then its EXPLAIN ANALYZE plan. */
async function planOf(filters: TransactionFilters): Promise<Plan[]> {
  const seen: { query: string; params: unknown[] }[] = [];
  const db = drizzle(getPool(), {
    schema,
    casing: "snake_case",
    logger: { logQuery: (query, params) => seen.push({ query, params }) },
  });
  await listTransactions({ merchantId: t.merchantA, filters, limit: 25 }, db);
  const q = seen.find((s) => s.query.includes('from "transactions"'));
  if (!q) throw new Error("no transactions query seen");
  const r = await getPool().query(`explain (analyze, format json) ${q.query}`, q.params);
  return nodes((r.rows[0] as { "QUERY PLAN": [{ Plan: Plan }] })["QUERY PLAN"][0].Plan);
}

beforeAll(async () => {
  t = await makeTenants();
  await getDb().execute(sql`
    insert into transactions (merchant_id, provider_id, family, type, status, approved, amount, authorized_amount,
      captured_amount, settled_amount, currency, method_kind, card_brand, masked_number, last_four, response_code,
      response_text, order_id, customer_id, invoice_id, provider_created_at, provider_updated_at)
    select ${t.merchantA}::uuid, 'p' || g, 'fluidpay', 'sale', case when g % 12 = 0 then 'declined' else 'settled' end,
      g % 12 <> 0, 100 + (g * 7919) % 50000, 0, 0, 0, 'USD', 'card', 'visa', '411111******' || (1000 + g % 9000),
      (1000 + g % 9000)::text, 100, 'Approved', 'ORD' || g, case when g % 3 = 0 then 'cus' || (g % 700) end,
      case when g % 10 = 0 then 'inv' || (g / 10) end, now() - (g * 97 % (90 * 86400)) * interval '1 second', now()
    from generate_series(1, ${ROWS}) g`);
  // Every tenth transaction paid an invoice (4,000 invoices), whose payer is known only by the bill-to name.
  await getDb().execute(sql`
    insert into invoices (merchant_id, provider_id, number, status, customer_name, customer_email, total, document,
      provider_created_at, provider_updated_at)
    select ${t.merchantA}::uuid, 'inv' || g, 'INV-' || (1000 + g), 'paid', 'Payer ' || g, 'payer' || g || '@example.test',
      100, '{}'::jsonb, now(), now()
    from generate_series(1, ${ROWS / 10}) g`);
  await getDb().execute(sql`analyze transactions`);
  await getDb().execute(sql`analyze invoices`);
});
afterAll(async () => {
  await closeDb();
});

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
const shapes: [string, TransactionFilters][] = [
  ["no filter", {}],
  ["last four", { lastFour: "4242" }],
  ["status", { status: "declined" }],
  ["date window", { from: day(60), to: day(40) }],
  ["amount range", { min: 10_000, max: 12_000 }],
  ["order id", { orderId: "ORD777" }],
  ["customer", { customer: "cus123" }],
  ["invoice number", { orderId: "INV-1777" }],
  ["bill-to name", { customer: "Payer 1777" }],
];

describe("transaction search plans", () => {
  it.each(shapes)("%s: reads a few rows through an index, never the merchant's whole table", async (_name, filters) => {
    const plan = await planOf(filters);
    const onTransactions = plan.filter((n) => n["Relation Name"] === "transactions");
    expect(onTransactions.length).toBeGreaterThan(0);
    for (const n of onTransactions) {
      expect(n["Node Type"]).not.toMatch(/Seq Scan/);
      // A page of 25 reads a few hundred rows at most, never the merchant's 40,000 (to sort them, say).
      expect(rowsRead(n)).toBeLessThan(2_000);
    }
  });
});
