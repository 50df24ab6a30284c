import { beforeAll, describe, expect, it } from "vitest";
import { giftHarness, type TestCard } from "./helpers";
import { openForFile } from "@/tests/helpers/for-file";

let card: TestCard;
const g = openForFile(giftHarness);
beforeAll(async () => {
  card = g.store.cards.find((c) => c.activated && c.balance === 100)!;
});

describe("concurrency", () => {
  it("never spends more than the balance when terminals redeem the same card at once", async () => {
    const token = await g.token(card);
    // Eight 15.00 redeems against 100.00: exactly six fit.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 15, PosRef: `C-${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 400)).toHaveLength(2);
    const b = (await (await g.call("POST", "/Transaction/balancecheck", { cardtoken: token })).json()) as {
      balance: number;
    };
    expect(b.balance).toBe(10);
  });

  it("applies a PosRef once even when the retry races the original", async () => {
    const token = await g.token(card);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        g.call("POST", "/Transaction/reload", { cardtoken: token, amount: 5, PosRef: "RACE-1" }),
      ),
    );
    const bodies = (await Promise.all(results.map((r) => r.json()))) as { HostRef: string }[];
    expect(new Set(bodies.map((x) => x.HostRef)).size).toBe(1);
    const b = (await (await g.call("POST", "/Transaction/balancecheck", { cardtoken: token })).json()) as {
      balance: number;
    };
    expect(b.balance).toBe(15);
  });
});

describe("fault injection", () => {
  it("fails the next calls with a ProblemDetails 503 and recovers; health stays up", async () => {
    const set = await g.call("POST", "/_control/faults", { fail_next: 1 });
    expect(set.status).toBe(200);
    const r = await g.call("PUT", "/Auth/verify");
    expect(r.status).toBe(503);
    expect(((await r.json()) as { title: string }).title).toBe("Service Unavailable");
    expect((await g.call("PUT", "/Auth/verify")).status).toBe(200);
    await g.call("POST", "/_control/faults", { error_rate: 1, status: 504 });
    expect((await g.call("PUT", "/Auth/verify")).status).toBe(504);
    expect((await fetch(`${g.server.url}/sandbox/giftcard/Health`)).status).toBe(200);
    await g.call("POST", "/_control/faults", { error_rate: 0 });
    expect((await g.call("PUT", "/Auth/verify")).status).toBe(200);
    expect((await g.call("POST", "/_control/faults", { latency_ms: -1 })).status).toBe(400);
  });
});

describe("card expiry", () => {
  it("refuses reloads and redeems once the card has expired (five years after activation)", async () => {
    const sold = g.store.cards.find((c) => !c.activated)!;
    const before = await g.token(sold);
    expect((await g.call("POST", "/Transaction/sellnewcard", { cardtoken: before, amount: 10 })).status).toBe(200);
    const check = (await (await g.call("POST", "/Transaction/balancecheck", { cardtoken: before })).json()) as {
      expire: string;
    };
    expect(new Date(check.expire).getUTCFullYear()).toBeGreaterThanOrEqual(new Date().getUTCFullYear() + 4);
    await g.advance(5 * 366 * 24 * 60 * 60);
    const token = await g.token(sold);
    const r = await g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 1 });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/expired/);
    expect((await g.call("POST", "/Transaction/reload", { cardtoken: token, amount: 1 })).status).toBe(400);
  });
});
