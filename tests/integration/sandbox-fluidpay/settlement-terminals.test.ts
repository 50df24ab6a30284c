import { describe, expect, test } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { card, sale, setup, type Txn } from "./helpers";

const env = openForFile(() => setup("settlement"));

interface Batch {
  id: string;
  batch_date: string;
  num_transactions: number;
  amount_captured: number;
  amount_credit: number;
  net_deposit: number;
  terminal_id: string;
}
async function get(id: string): Promise<Txn> {
  return ((await env.api("GET", `/api/transaction/${id}`)).json.data as Txn[])[0] as Txn;
}
const post = (path: string, body?: unknown) => env.api("POST", path, body);

describe("settlement on the simulated clock", () => {
  test("advancing past the batch time settles pending transactions; batch search shows summary and results", async () => {
    const s1 = (await post("/api/transaction", sale(1000))).json.data as Txn;
    const s2 = (await post("/api/transaction", sale(500))).json.data as Txn;
    const cr = (await post("/api/transaction", { type: "credit", amount: 200, payment_method: card() })).json
      .data as Txn;
    const auth = (await post("/api/transaction", { type: "authorize", amount: 900, payment_method: card() })).json
      .data as Txn;
    const clock = await post("/_control/clock", { advance_seconds: 2 * 86_400 });
    expect(clock.status).toBe(200);
    const now = Date.parse((clock.json.data as { now: string }).now);
    expect(now - Date.now()).toBeGreaterThan(2 * 86_400_000 - 60_000);
    for (const t of [s1, s2, cr]) expect((await get(t.id)).status).toBe("settled");
    expect((await get(auth.id)).status).toBe("authorized");
    const settled = await get(s1.id);
    expect(settled.amount_settled).toBe(1000);
    expect(settled.settlement_batch_id).toBeTruthy();
    const search = await post("/api/settlement/batch/search", {});
    expect(search.status).toBe(200);
    const data = search.json.data as { summary: Record<string, unknown>[]; results: Batch[] };
    const batch = data.results.find((b) => b.id === settled.settlement_batch_id) as Batch;
    expect(batch).toMatchObject({ num_transactions: 3, amount_captured: 1500, amount_credit: 200, net_deposit: 1300 });
    // Closed at the account's batch time (23:00 UTC by default).
    expect(batch.batch_date).toMatch(/T23:00:00\.000Z$/);
    expect(data.summary[0]).toMatchObject({ merchant_id: env.merchantId, num_transactions: expect.any(Number) });
    expect(search.json.total_count).toBeGreaterThanOrEqual(1);
  });

  test("batch search filters by date range and id operator, validates limit", async () => {
    await post("/api/transaction", sale(100));
    await post("/_control/settle");
    const all = (await post("/api/settlement/batch/search", { limit: 100 })).json.data as { results: Batch[] };
    expect(all.results.length).toBeGreaterThanOrEqual(2);
    const first = all.results[0] as Batch;
    const only = await post("/api/settlement/batch/search", {
      settlement_batch_id: { operator: "=", value: first.id },
    });
    expect((only.json.data as { results: Batch[] }).results.map((b) => b.id)).toEqual([first.id]);
    const not = await post("/api/settlement/batch/search", {
      settlement_batch_id: { operator: "!=", value: first.id },
    });
    expect((not.json.data as { results: Batch[] }).results.some((b) => b.id === first.id)).toBe(false);
    const none = await post("/api/settlement/batch/search", {
      batch_date: { start_date: "2000-01-01T00:00:00Z", end_date: "2000-01-02T00:00:00Z" },
    });
    expect((none.json.data as { results: Batch[] }).results).toEqual([]);
    expect((await post("/api/settlement/batch/search", { limit: 101 })).status).toBe(400);
    expect((await post("/api/settlement/batch/search", { batch_date: { start_date: "yesterday" } })).status).toBe(400);
  });

  test("ACH return triggers: 000000001 returns at batch close; 000000002 settles then returns late", async () => {
    const ach = (routing: string) => ({
      type: "sale",
      amount: 700,
      payment_method: {
        ach: { routing_number: routing, account_number: "1234567", sec_code: "ppd", account_type: "savings" },
      },
    });
    const ret = (await post("/api/transaction", ach("000000001"))).json.data as Txn;
    const late = (await post("/api/transaction", ach("000000002"))).json.data as Txn;
    await post("/_control/settle");
    expect((await get(ret.id)).status).toBe("returned");
    expect((await get(late.id)).status).toBe("settled");
    await post("/api/transaction", sale(100));
    await post("/_control/settle");
    expect((await get(late.id)).status).toBe("late_return");
  });

  test("control settle with nothing open returns an empty list; control calls need the private key", async () => {
    await post("/_control/settle");
    const r = await post("/_control/settle");
    expect(r.json).toMatchObject({ status: "success", data: [] });
    expect((await env.api("POST", "/_control/settle", undefined, env.publicKey)).status).toBe(401);
    expect((await env.api("POST", "/_control/clock", { advance_seconds: -1 })).status).toBe(400);
  });
});

describe("terminals", () => {
  test("GET /api/terminals lists the account's devices with the test TPNs", async () => {
    const r = await env.api("GET", "/api/terminals");
    expect(r.status).toBe(200);
    const list = r.json.data as { tpn: string; manufacturer: string; merchant_id: string; status: string }[];
    expect(r.json.total_count).toBe(4);
    expect(list.map((t) => t.tpn)).toEqual(["000000000001", "000000000002", "000000000003", "000000000004"]);
    expect(list[0]).toMatchObject({ manufacturer: "dejavoo", merchant_id: env.merchantId, status: "active" });
  });

  test("terminal sales start pending and resolve per TPN after a few seconds; terminal settle", async () => {
    const terminals = (await env.api("GET", "/api/terminals")).json.data as { id: string; tpn: string }[];
    const byTpn = (suffix: string) => terminals.find((t) => t.tpn.endsWith(suffix))?.id as string;
    const start = Date.now();
    const run = (suffix: string) =>
      post("/api/transaction", {
        type: "sale",
        amount: 1000,
        payment_method: { terminal: { id: byTpn(suffix), print_receipt: "both", signature_required: false } },
      });
    const created = await Promise.all(["1", "2", "3", "4"].map(run));
    const ids = created.map((r) => (r.json.data as Txn).id);
    for (const r of created) expect(r.json.data).toMatchObject({ status: "pending", payment_method: "terminal" });
    expect((await get(ids[0] as string)).status).toBe("pending");
    let final: Txn[] = [];
    for (let i = 0; i < 40; i++) {
      final = await Promise.all(ids.map(get));
      if (final.every((t) => t.status !== "pending")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(Date.now() - start).toBeGreaterThanOrEqual(1900);
    expect(final[0]).toMatchObject({ status: "pending_settlement", response_code: 100, amount: 1000 });
    expect(final[1]).toMatchObject({ status: "declined" });
    // GET answers `response` as the seed's nested per-method object (seed 003 L933–975).
    expect(final[2]).toMatchObject({ status: "declined", response: { terminal: expect.any(Object) } });
    expect(final[3]).toMatchObject({ status: "pending_settlement", tip_amount: 150, amount: 1150 });
    const settle = await post(`/api/terminal/${byTpn("1")}/settle`);
    expect(settle.status).toBe(200);
    expect(settle.json.data).toMatchObject({ terminal_id: byTpn("1"), num_transactions: 1, amount_captured: 1000 });
    expect((await get(ids[0] as string)).status).toBe("settled");
    expect((await get(ids[3] as string)).status).toBe("pending_settlement");
    expect((await post("/api/terminal/nope/settle")).status).toBe(404);
  });
});

describe("transaction search", () => {
  test("operators, int comparisons, date ranges, limit and offset", async () => {
    const order = `o${Date.now().toString().slice(-10)}`;
    for (const amount of [111, 222, 333]) await post("/api/transaction", sale(amount, undefined, { order_id: order }));
    await post("/api/transaction", sale(444, "4000000000000002", { order_id: order }));
    const eq = await post("/api/transaction/search", { order_id: { operator: "=", value: order } });
    expect(eq.status).toBe(200);
    expect(eq.json.total_count).toBe(4);
    const gt = await post("/api/transaction/search", {
      order_id: { operator: "=", value: order },
      amount: { operator: ">", value: 200 },
      status: { operator: "!=", value: "declined" },
    });
    expect((gt.json.data as Txn[]).map((t) => t.amount).sort()).toEqual([222, 333]);
    const lt = await post("/api/transaction/search", {
      order_id: { operator: "=", value: order },
      amount: { operator: "<", value: 200 },
    });
    expect(lt.json.total_count).toBe(1);
    const page = await post("/api/transaction/search", {
      order_id: { operator: "=", value: order },
      limit: 2,
      offset: 1,
    });
    expect((page.json.data as Txn[]).length).toBe(2);
    expect(page.json.total_count).toBe(4);
    const old = await post("/api/transaction/search", {
      order_id: { operator: "=", value: order },
      created_at: { start_date: "2001-01-01T00:00:00Z", end_date: "2001-02-01T00:00:00Z" },
    });
    expect(old.json.total_count).toBe(0);
    expect((await post("/api/transaction/search", { limit: 101 })).status).toBe(400);
    expect((await post("/api/transaction/search", { amount: { operator: "<", value: "x" } })).status).toBe(400);
    expect((await post("/api/transaction/search", { type: { operator: "<>", value: "sale" } })).status).toBe(400);
  });
});
