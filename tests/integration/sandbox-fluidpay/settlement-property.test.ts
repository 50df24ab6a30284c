import fc from "fast-check";
import { expect, test } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { card, sale, setup, type Txn } from "./helpers";

const env = openForFile(() => setup("settlement-property"));

interface Batch {
  id: string;
  num_transactions: number;
  amount_captured: number;
  amount_credit: number;
  net_deposit: number;
}

const op = fc.oneof(
  fc.record({ kind: fc.constant("sale" as const), amount: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant("declined" as const), amount: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant("credit" as const), amount: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant("void-sale" as const), amount: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant("auth" as const), amount: fc.integer({ min: 1, max: 5000 }) }),
);

test("property: a batch holds exactly the captured sales and credits; net deposit = captured − credit", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
      await env.api("POST", "/_control/settle");
      let captured = 0;
      let credit = 0;
      let count = 0;
      const ids: string[] = [];
      for (const o of ops) {
        if (o.kind === "sale") {
          ids.push(((await env.api("POST", "/api/transaction", sale(o.amount))).json.data as Txn).id);
          captured += o.amount;
          count += 1;
        } else if (o.kind === "declined") {
          await env.api("POST", "/api/transaction", sale(o.amount, "4000000000000002"));
        } else if (o.kind === "credit") {
          await env.api("POST", "/api/transaction", { type: "credit", amount: o.amount, payment_method: card() });
          credit += o.amount;
          count += 1;
        } else if (o.kind === "void-sale") {
          const t = (await env.api("POST", "/api/transaction", sale(o.amount))).json.data as Txn;
          await env.api("POST", `/api/transaction/${t.id}/void`);
        } else {
          await env.api("POST", "/api/transaction", { type: "authorize", amount: o.amount, payment_method: card() });
        }
      }
      const r = await env.api("POST", "/_control/settle");
      const batches = r.json.data as Batch[];
      if (count === 0) {
        expect(batches).toEqual([]);
        return;
      }
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({
        num_transactions: count,
        amount_captured: captured,
        amount_credit: credit,
        net_deposit: captured - credit,
      });
      for (const id of ids) {
        const t = ((await env.api("GET", `/api/transaction/${id}`)).json.data as Txn[])[0];
        expect(t).toMatchObject({ status: "settled", settlement_batch_id: batches[0]?.id });
      }
    }),
    { numRuns: 15 },
  );
});

test("a custom batch_time closes at that time of day on the simulated clock", async () => {
  const res = await fetch(`${env.s.url}/sandbox/gateway/_control/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "early closer", batch_time: "05:30" }),
  });
  const key = ((await res.json()) as { data: { api_key: string } }).data.api_key;
  const call = (path: string, body?: unknown) =>
    fetch(`${env.s.url}/sandbox/gateway${path}`, {
      method: "POST",
      headers: { authorization: key, "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    }).then((r) => r.json() as Promise<{ data: unknown }>);
  const t = (await call("/api/transaction", sale(4242))).data as Txn;
  await call("/_control/clock", { advance_seconds: 86_400 + 60 });
  const search = (await call("/api/settlement/batch/search", {})).data as {
    results: (Batch & { batch_date: string })[];
  };
  expect(search.results).toHaveLength(1);
  expect(search.results[0]?.batch_date).toMatch(/T05:30:00\.000Z$/);
  expect(search.results[0]?.amount_captured).toBe(4242);
  const got = await fetch(`${env.s.url}/sandbox/gateway/api/transaction/${t.id}`, { headers: { authorization: key } });
  expect(((await got.json()) as { data: Txn[] }).data[0]?.status).toBe("settled");
});
