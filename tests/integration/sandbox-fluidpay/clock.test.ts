import { afterAll, beforeAll, expect, test } from "vitest";
import { findAccountByKey } from "@portal/sandbox/fluidpay/core/accounts";
import { accountNow, registerClockHook } from "@portal/sandbox/fluidpay/core/clock";
import { createSandboxAccount } from "@portal/sandbox/fluidpay";
import { setup, type Env } from "./helpers";

let env: Env;
const steps: { from: Date; to: Date; order: string }[] = [];
let accountId = "";

beforeAll(async () => {
  env = await setup("clock");
  accountId = (await findAccountByKey(env.apiKey))?.id ?? "";
  // Two hooks that only record this account's steps, to see stepping and ordering.
  registerClockHook("test-first", async (account, from, to) => {
    if (account.id === accountId) steps.push({ from, to, order: "first" });
  });
  registerClockHook("test-second", async (account, from, to) => {
    if (account.id === accountId) steps.push({ from, to, order: "second" });
  });
});
afterAll(async () => {
  registerClockHook("test-first", async () => undefined);
  registerClockHook("test-second", async () => undefined);
  await env.s.close();
});

test("advancing steps through every day boundary (≤ 1 day per step), hooks in registration order", async () => {
  const before = await accountNow(accountId);
  const r = await env.api("POST", "/_control/clock", { advance_seconds: 3 * 86_400 + 3600 });
  const after = Date.parse((r.json.data as { now: string }).now);
  expect(after - before.getTime()).toBeGreaterThanOrEqual(3 * 86_400_000 + 3_600_000);
  const firsts = steps.filter((s) => s.order === "first");
  const seconds = steps.filter((s) => s.order === "second");
  expect(firsts.length).toBeGreaterThanOrEqual(4);
  expect(seconds.length).toBe(firsts.length);
  // Registration order within each step.
  for (let i = 0; i < steps.length; i += 2) {
    expect(steps[i]?.order).toBe("first");
    expect(steps[i + 1]?.order).toBe("second");
    expect(steps[i + 1]?.to.getTime()).toBe(steps[i]?.to.getTime());
  }
  for (const [i, s] of firsts.entries()) {
    expect(s.to.getTime() - s.from.getTime()).toBeLessThanOrEqual(86_400_000);
    expect(s.to.getTime()).toBeGreaterThan(s.from.getTime());
    if (i > 0) expect(s.from.getTime()).toBe(firsts[i - 1]?.to.getTime());
    if (i < firsts.length - 1) expect(s.to.toISOString()).toMatch(/T00:00:00\.000Z$/);
  }
  expect(Math.abs((firsts.at(-1)?.to.getTime() ?? 0) - after)).toBeLessThan(2000);
});

test("the clock never moves backwards and other accounts are untouched", async () => {
  const a = await accountNow(accountId);
  await env.api("POST", "/_control/clock", { advance_seconds: 0 });
  expect((await accountNow(accountId)).getTime()).toBeGreaterThanOrEqual(a.getTime());
  const created = await createSandboxAccount({ name: "clock-fresh" });
  const fresh = await findAccountByKey(created.api_key);
  expect(fresh?.name).toBe("clock-fresh");
  expect(Math.abs((await accountNow(fresh?.id ?? "")).getTime() - Date.now())).toBeLessThan(5000);
});
