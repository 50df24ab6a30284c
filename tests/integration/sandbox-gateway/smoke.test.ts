import { afterAll, beforeAll, expect, test } from "vitest";
import { setup, sale, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setup();
});
afterAll(async () => {
  await env.s.close();
});

test("smoke: sale then get", async () => {
  const r = await env.api("POST", "/api/transaction", sale(1000));
  expect(r.status).toBe(200);
  const data = r.json.data as { id: string; status: string };
  expect(data.status).toBe("pending_settlement");
  const g = await env.api("GET", `/api/transaction/${data.id}`);
  expect(Array.isArray(g.json.data)).toBe(true);
});
