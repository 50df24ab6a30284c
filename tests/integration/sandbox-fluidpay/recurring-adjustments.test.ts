import { describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";
import { dataOf } from "./recurring-helpers";

const env = openForFile(() => setup("recurring adjustments"));
const other = openForFile(() => setup("recurring adjustments (other account)"));

type Adj = { id: string; name: string; description: string; amount: number | null; percentage: number | null };

describe.each(["addon", "discount"] as const)("/api/recurring/%s", (kind) => {
  const one = `/api/recurring/${kind}`;

  it("creates a fixed-amount record and reads it back in the documented shape", async () => {
    const r = await env.api("POST", one, { name: "Setup", description: "one-off", amount: 500, duration: 2 });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe("success");
    const a = dataOf<Adj & Record<string, unknown>>(r);
    expect(a.id).toMatch(/^[0-9a-v]{20}$/);
    expect(a).toMatchObject({ name: "Setup", description: "one-off", amount: 500, percentage: null, duration: 2 });
    expect(a.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const g = await env.api("GET", `${one}/${a.id}`);
    expect(g.status).toBe(200);
    expect(dataOf(g)).toEqual(a);
  });

  it("creates a percentage record (thousandths) with duration 0 by default", async () => {
    const r = await env.api("POST", one, { name: "Ten percent", percentage: 10_000 });
    expect(r.status).toBe(200);
    expect(dataOf(r)).toMatchObject({ amount: null, percentage: 10_000, duration: 0, description: "" });
  });

  it.each([
    [{ amount: 100, percentage: 10_000 }, /invalid percentage: provide either amount or percentage/],
    [{ percentage: 50 }, /invalid percentage: must be 0 or between 100/],
    [{ percentage: 100_001 }, /invalid percentage/],
    [{ amount: -1 }, /invalid amount: must not be negative/],
    [{ amount: 1.5 }, /invalid amount/],
    [{ name: "nothing" }, /invalid amount: amount or percentage is required/],
    [{ amount: 100, duration: -1 }, /invalid duration/],
  ])("rejects %j with a 400 naming the field", async (body, msg) => {
    const r = await env.api("POST", one, body);
    expect(r.status).toBe(400);
    expect(r.json.status).toBe("failed");
    expect(r.json.msg).toMatch(msg);
  });

  it("accepts percentage 0 and the bounds 100 (0.1%) and 100000 (100%)", async () => {
    for (const percentage of [0, 100, 100_000]) {
      const r = await env.api("POST", one, { percentage });
      expect(r.status).toBe(200);
    }
  });

  it("updates by merging; switching to a percentage clears the amount", async () => {
    const created = dataOf<Adj>(await env.api("POST", one, { name: "Before", amount: 300 }));
    const r = await env.api("POST", `${one}/${created.id}`, { percentage: 2_500 });
    expect(r.status).toBe(200);
    expect(dataOf(r)).toMatchObject({ id: created.id, name: "Before", amount: null, percentage: 2_500 });
    const bad = await env.api("POST", `${one}/${created.id}`, { amount: 100, percentage: 100 });
    expect(bad.status).toBe(400);
    const cleared = await env.api("POST", `${one}/${created.id}`, { percentage: null });
    expect(cleared.status).toBe(400);
    expect(cleared.json.msg).toMatch(/amount or percentage is required/);
  });

  it("lists all records of the account with total_count, and none of another account", async () => {
    const r = await env.api("GET", `${one}s`);
    expect(r.status).toBe(200);
    const list = dataOf<Adj[]>(r);
    expect(r.json.total_count).toBe(list.length);
    expect(list.length).toBeGreaterThanOrEqual(3);
    const o = await other.api("GET", `${one}s`);
    expect(o.json.total_count).toBe(0);
    const peek = await other.api("GET", `${one}/${list[0]?.id}`);
    expect(peek.status).toBe(404);
  });

  it("deletes (data null), then answers 404 for get, update and delete", async () => {
    const created = dataOf<Adj>(await env.api("POST", one, { amount: 1 }));
    const d = await env.api("DELETE", `${one}/${created.id}`);
    expect(d.status).toBe(200);
    expect(d.json).toMatchObject({ status: "success", msg: "success", data: null });
    for (const [method, body] of [["GET"], ["POST", { amount: 2 }], ["DELETE"]] as const) {
      const r = await env.api(method, `${one}/${created.id}`, body);
      expect(r.status).toBe(404);
      expect(r.json.status).toBe("failed");
    }
  });

  it("refuses a public key (401) and a missing key (401)", async () => {
    expect((await env.api("GET", `${one}s`, undefined, env.publicKey)).status).toBe(401);
    expect((await env.api("GET", `${one}s`, undefined, "")).status).toBe(401);
  });
});
