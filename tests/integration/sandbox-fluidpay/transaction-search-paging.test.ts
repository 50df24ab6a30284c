import { describe, expect, test } from "vitest";
import { sandboxLatencyMs } from "@portal/sandbox/config";
import { openForFile } from "@/tests/helpers/for-file";
import { sale, setup, type Txn } from "./helpers";

/**
 * `POST /api/transaction/search` filters, orders and pages in SQL (issue 21 §8). A deep page must hold the same rows
 * the former in-memory search returned: the reference below is that search's rule (every row of the account, newest
 * first, the documented conditions applied, then sliced), run over the full listing.
 */
const env = openForFile(() => setup("search-paging"));

type Cond = { operator: string; value: string | number };
const norm = (v: unknown) => (v === null || v === undefined ? "" : String(v)).toLowerCase();
function matches(t: Txn, field: string, c: Cond): boolean {
  const v = t[field];
  if (typeof c.value === "number") {
    const n = Number(v ?? 0);
    return { "=": n === c.value, "!=": n !== c.value, "<": n < c.value, ">": n > c.value }[c.operator] ?? false;
  }
  const want = c.value.toLowerCase();
  return { "=": norm(v) === want, "!=": norm(v) !== want, "%": norm(v).includes(want) }[c.operator] ?? false;
}

async function search(body: Record<string, unknown>) {
  const r = await env.api("POST", "/api/transaction/search", body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return { ids: (r.json.data as Txn[]).map((t) => t.id), total: r.json.total_count as number };
}

describe("transaction search pages in SQL", () => {
  test("deep pages equal the in-memory rule for several filter combinations", async () => {
    const order = `S${Date.now().toString(36).slice(-6)}`;
    for (let i = 0; i < 45; i++) {
      const number = i % 5 === 0 ? "4000000000000002" : "4111111111111111"; // every fifth declines
      const r = await env.api("POST", "/api/transaction", {
        ...sale(100 + ((i * 37) % 400), number, { order_id: `${order}${i % 3 === 0 ? "Red" : "blue"}${i}` }),
        ...(i % 4 === 0 ? { type: "authorize" } : {}),
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    // The full listing, newest first, paged at the maximum size.
    const all: Txn[] = [];
    for (let offset = 0; ; offset += 100) {
      const r = await env.api("POST", "/api/transaction/search", { limit: 100, offset });
      const page = r.json.data as Txn[];
      all.push(...page);
      if (page.length < 100) break;
    }
    expect(all.length).toBe(45);
    const combos: Record<string, Cond>[] = [
      { order_id: { operator: "%", value: order } },
      { order_id: { operator: "%", value: `${order}RED` }, status: { operator: "!=", value: "declined" } },
      { amount: { operator: ">", value: 250 }, type: { operator: "=", value: "SALE" } },
      { amount_captured: { operator: "<", value: 1 }, order_id: { operator: "%", value: "blue" } },
      { amount: { operator: "!=", value: 137 }, status: { operator: "=", value: "declined" } },
    ];
    for (const combo of combos) {
      const expected = all.filter((t) => Object.entries(combo).every(([f, c]) => matches(t, f, c)));
      expect(expected.length, JSON.stringify(combo)).toBeGreaterThan(3);
      for (const [limit, offset] of [
        [3, 2],
        [2, expected.length - 2],
        [5, expected.length],
      ] as const) {
        const got = await search({ ...combo, limit, offset });
        expect(got.total, JSON.stringify(combo)).toBe(expected.length);
        expect(got.ids, `${JSON.stringify(combo)} limit ${limit} offset ${offset}`).toEqual(
          expected.slice(offset, offset + limit).map((t) => t.id),
        );
      }
    }
  });

  test("SANDBOX_LATENCY_MS is off by default and rejects a value that is not a delay", () => {
    const before = process.env.SANDBOX_LATENCY_MS;
    try {
      delete process.env.SANDBOX_LATENCY_MS;
      expect(sandboxLatencyMs()).toBe(0);
      process.env.SANDBOX_LATENCY_MS = "25";
      expect(sandboxLatencyMs()).toBe(25);
      process.env.SANDBOX_LATENCY_MS = "soon";
      expect(() => sandboxLatencyMs()).toThrow(/SANDBOX_LATENCY_MS/);
    } finally {
      if (before === undefined) delete process.env.SANDBOX_LATENCY_MS;
      else process.env.SANDBOX_LATENCY_MS = before;
    }
  });
});
