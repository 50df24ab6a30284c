import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { expect, test } from "vitest";
import { getPool } from "@/db/client";
import { openForFile } from "@/tests/helpers/for-file";
import { sale, setup, type Txn } from "./helpers";

const env = openForFile(() => setup("idempotency"));

async function countByKey(key: string): Promise<number> {
  const r = await getPool().query(
    `select count(*)::int as n from sandbox_gateway.transactions t join sandbox_gateway.accounts a on a.id = t.account_id
     where a.api_key = $1 and t.data->>'idempotency_key' = $2`,
    [env.apiKey, key],
  );
  return (r.rows[0] as { n: number }).n;
}

test("the same idempotency_key twice → one transaction id", async () => {
  const key = randomUUID();
  const a = await env.api("POST", "/api/transaction", sale(1234, undefined, { idempotency_key: key }));
  const b = await env.api("POST", "/api/transaction", sale(1234, undefined, { idempotency_key: key }));
  expect(a.status).toBe(200);
  expect(b.status).toBe(200);
  expect((b.json.data as Txn).id).toBe((a.json.data as Txn).id);
  expect(await countByKey(key)).toBe(1);
});

test("20 concurrent requests with one key → one transaction id, one charge", async () => {
  const key = randomUUID();
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      env.api("POST", "/api/transaction", sale(777, undefined, { idempotency_key: key })),
    ),
  );
  const ids = new Set(results.map((r) => (r.json.data as Txn).id));
  expect(results.every((r) => r.status === 200)).toBe(true);
  expect(ids.size).toBe(1);
  expect(await countByKey(key)).toBe(1);
});

test("a declined first attempt is returned again, not retried into a second charge", async () => {
  const key = randomUUID();
  const a = await env.api("POST", "/api/transaction", sale(500, "4000000000009995", { idempotency_key: key }));
  const b = await env.api("POST", "/api/transaction", sale(500, "4000000000009995", { idempotency_key: key }));
  expect((a.json.data as Txn).status).toBe("declined");
  expect((b.json.data as Txn).id).toBe((a.json.data as Txn).id);
});

test("after idempotency_time passes on the simulated clock, the key charges again", async () => {
  const key = randomUUID();
  const a = await env.api(
    "POST",
    "/api/transaction",
    sale(100, undefined, { idempotency_key: key, idempotency_time: 60 }),
  );
  await env.api("POST", "/_control/clock", { advance_seconds: 61 });
  const b = await env.api(
    "POST",
    "/api/transaction",
    sale(100, undefined, { idempotency_key: key, idempotency_time: 60 }),
  );
  expect((b.json.data as Txn).id).not.toBe((a.json.data as Txn).id);
  const c = await env.api("POST", "/api/transaction", sale(100, undefined, { idempotency_key: key }));
  expect((c.json.data as Txn).id).toBe((b.json.data as Txn).id);
});

test("different keys are different transactions", async () => {
  const a = await env.api("POST", "/api/transaction", sale(100, undefined, { idempotency_key: randomUUID() }));
  const b = await env.api("POST", "/api/transaction", sale(100, undefined, { idempotency_key: randomUUID() }));
  expect((a.json.data as Txn).id).not.toBe((b.json.data as Txn).id);
});

test("property: any burst of concurrent requests over a few keys yields exactly one transaction per key", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 12 }), async (picks) => {
      const keys = [randomUUID(), randomUUID(), randomUUID()];
      const res = await Promise.all(
        picks.map((i) => env.api("POST", "/api/transaction", sale(100 + i, undefined, { idempotency_key: keys[i] }))),
      );
      const idsByKey = new Map<number, Set<string>>();
      picks.forEach((i, n) => {
        const set = idsByKey.get(i) ?? new Set<string>();
        set.add((res[n]?.json.data as Txn).id);
        idsByKey.set(i, set);
      });
      for (const [i, set] of idsByKey) {
        expect(set.size).toBe(1);
        expect(await countByKey(keys[i] as string)).toBe(1);
      }
    }),
    { numRuns: 8 },
  );
});
