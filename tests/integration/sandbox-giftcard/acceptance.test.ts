import { beforeAll, describe, expect, it } from "vitest";
import { giftHarness, type TestCard } from "./helpers";
import { openForFile } from "@/tests/helpers/for-file";

let hundred: TestCard;
let small: TestCard;
const g = openForFile(giftHarness);
beforeAll(async () => {
  hundred = g.store.cards.find((c) => c.activated && c.balance === 100)!;
  small = g.store.cards.find((c) => c.activated && c.balance === 25.5)!;
});

async function balance(token: string): Promise<number> {
  const r = await g.call("POST", "/Transaction/balancecheck", { cardtoken: token });
  expect(r.status).toBe(200);
  return ((await r.json()) as { balance: number }).balance;
}

describe("gift-card acceptance (issue 4)", () => {
  it("refuses a card token used after 10 simulated minutes", async () => {
    const token = await g.token(hundred);
    await g.advance(9 * 60 + 30);
    expect((await g.call("POST", "/Transaction/balancecheck", { cardtoken: token })).status).toBe(200);
    await g.advance(31);
    const r = await g.call("POST", "/Transaction/balancecheck", { cardtoken: token });
    expect(r.status).toBe(400);
    const p = (await r.json()) as { title: string; status: number; detail: string };
    expect(p.status).toBe(400);
    expect(p.detail).toMatch(/expired/);
    const redeem = await g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 1 });
    expect(redeem.status).toBe(400);
    expect(await balance(await g.token(hundred))).toBe(100);
  });

  it("refuses to redeem more than the balance without acceptpartialamount, leaving the balance unchanged", async () => {
    const token = await g.token(small);
    const r = await g.call("POST", "/Transaction/radeem", {
      cardtoken: token,
      amount: "30.00",
      FranchiseeID: g.store.franchisee_id,
      PosRef: "ACC-1",
    });
    expect(r.status).toBe(400);
    const p = (await r.json()) as { title: string; detail: string; message: string };
    expect(p.title).toBe("Insufficient balance");
    expect(p.message).toBe(p.detail);
    expect(await balance(token)).toBe(25.5);
  });

  it("approves the partial amount with acceptpartialamount and leaves the card at 0", async () => {
    const token = await g.token(small);
    const r = await g.call("POST", "/Transaction/radeem", {
      cardtoken: token,
      amount: 30,
      franchiseeId: g.store.franchisee_id,
      posRef: "ACC-2",
      acceptPartialAmount: true,
    });
    expect(r.status).toBe(200);
    const raw = await r.text();
    // Money is written as a decimal with two places, as the .NET server does.
    expect(raw).toContain('"Approvedbalance":25.50');
    const b = JSON.parse(raw) as Record<string, unknown>;
    expect(b).toMatchObject({ Approvedbalance: 25.5, Previousbalance: 25.5, Newbalance: 0, status: true });
    expect(await balance(token)).toBe(0);
  });
});
