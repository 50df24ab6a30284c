import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getPool } from "@/db/client";
import { basic, giftHarness, type GiftHarness, type TestCard } from "./helpers";

let g: GiftHarness;
let other: GiftHarness;
let fresh: TestCard[];
let funded: TestCard;
let empty: TestCard;
beforeAll(async () => {
  g = await giftHarness();
  other = await giftHarness();
  fresh = g.store.cards.filter((c) => !c.activated);
  funded = g.store.cards.find((c) => c.activated && c.balance === 100)!;
  empty = g.store.cards.find((c) => c.activated && c.balance === 0)!;
});
afterAll(async () => {
  await g.close();
  await other.close();
  await closeDb();
});

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const body = async (r: Response) => (await r.json()) as Body;

describe("control", () => {
  it("creates a store with test cards: active ones with balances and unsold card stock", () => {
    expect(g.store.store_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(g.store.franchisee_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(g.store.cards.length).toBeGreaterThanOrEqual(5);
    for (const c of g.store.cards) {
      expect(c.cardnumber).toMatch(/^\d{16}$/);
      expect(c.securitycode).toMatch(/^\d{4}$/);
    }
    expect(fresh.length).toBeGreaterThanOrEqual(2);
  });

  it("authorises the clock control by the store's own credentials", async () => {
    const r = await g.call("POST", "/_control/clock", { advance_seconds: 1 }, basic(g.store.username, "wrong"));
    expect(r.status).toBe(401);
    expect((await g.call("POST", "/_control/clock", { advance_seconds: -5 })).status).toBe(400);
  });

  it("issues more test cards for a store, by its own credentials", async () => {
    const r = await g.call("POST", "/_control/cards", { count: 2, balance: "40.00" });
    expect(r.status).toBe(201);
    const { cards } = (await r.json()) as { cards: TestCard[] };
    expect(cards).toHaveLength(2);
    const token = await g.token(cards[0]!);
    const b = (await (await g.call("POST", "/Transaction/balancecheck", { cardtoken: token })).json()) as {
      balance: number;
    };
    expect(b.balance).toBe(40);
    const stock = (await (await g.call("POST", "/_control/cards", { activated: false })).json()) as {
      cards: TestCard[];
    };
    expect(stock.cards[0]).toMatchObject({ activated: false, balance: 0 });
    expect((await g.call("POST", "/_control/cards", { count: 50 })).status).toBe(400);
    expect((await g.call("POST", "/_control/cards", { activated: false, balance: 5 })).status).toBe(400);
    expect((await g.call("POST", "/_control/cards", {}, "")).status).toBe(401);
  });

  it("keeps card numbers sealed in the database", async () => {
    const r = await getPool().query<{ row: string }>(`select c::text as row from sandbox_giftcard.cards c`);
    const all = r.rows.map((x) => x.row).join("\n");
    for (const c of g.store.cards) expect(all).not.toContain(c.cardnumber);
  });
});

describe("Health and Auth/verify", () => {
  it("answers health without credentials", async () => {
    const r = await fetch(`${g.server.url}/sandbox/giftcard/Health`);
    expect(r.status).toBe(200);
    expect((await body(r)).status).toBe("Healthy");
  });

  it("verifies Basic credentials", async () => {
    const ok = await g.call("PUT", "/Auth/verify");
    expect(ok.status).toBe(200);
    expect(await body(ok)).toMatchObject({ statuscode: "000000", storeid: g.store.store_id });
    const bad = await g.call("PUT", "/Auth/verify", undefined, basic(g.store.username, "nope"));
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toMatch(/^Basic/);
    const p = await body(bad);
    expect(p).toMatchObject({ title: "Unauthorized", status: 401 });
    expect(p.detail).toEqual(expect.any(String));
    expect((await g.call("POST", "/Transaction/balancecheck", { cardtoken: "1" }, "")).status).toBe(401);
  });
});

describe("/v1/Token", () => {
  it("returns the seed's shape: statuscode, description, 16-digit token, exp ten minutes ahead", async () => {
    const r = await g.call("POST", "/v1/Token", { cardnumber: funded.cardnumber, securitycode: funded.securitycode });
    expect(r.status).toBe(200);
    const b = await body(r);
    expect(b).toMatchObject({ statuscode: "000000", description: "Success" });
    expect(b.token).toMatch(/^\d{16}$/);
    expect(b.exp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/);
    const minutes = (new Date(b.exp).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
  });

  it("refuses a wrong security code, an unknown card and another store's card", async () => {
    const wrong = await g.call("POST", "/v1/Token", { cardnumber: funded.cardnumber, securitycode: "x" });
    expect(wrong.status).toBe(400);
    const unknown = await g.call("POST", "/v1/Token", { cardnumber: "6060000000000000", securitycode: "1234" });
    expect(unknown.status).toBe(404);
    const theirs = other.store.cards[0]!;
    expect(
      (await g.call("POST", "/v1/Token", { cardnumber: theirs.cardnumber, securitycode: theirs.securitycode })).status,
    ).toBe(404);
    const invalid = await g.call("POST", "/v1/Token", { cardnumber: "abc" });
    expect(invalid.status).toBe(400);
    expect((await body(invalid)).errors.cardnumber).toBeDefined();
  });

  it("binds field names case-insensitively", async () => {
    const r = await g.call("POST", "/v1/Token", { CardNumber: funded.cardnumber, SecurityCode: funded.securitycode });
    expect(r.status).toBe(200);
  });

  it("does not let one store use another store's token", async () => {
    const token = await other.token(other.store.cards[0]!);
    const r = await g.call("POST", "/Transaction/balancecheck", { cardtoken: token });
    expect(r.status).toBe(400);
  });
});

describe("transactions", () => {
  it("checks a balance by token or by the pass-through `encrypted` field, showing only the card ending", async () => {
    const byToken = await body(
      await g.call("POST", "/Transaction/balancecheck", { cardtoken: await g.token(funded), encrypted: "" }),
    );
    expect(byToken).toMatchObject({
      statuscode: "000000",
      cardending: funded.cardnumber.slice(-4),
      status: true,
      activated: true,
    });
    expect(byToken.balance).toBe(100);
    expect(JSON.stringify(byToken)).not.toContain(funded.cardnumber);
    const byEncrypted = await body(
      await g.call("POST", "/Transaction/balancecheck", { cardtoken: "", encrypted: funded.cardnumber }),
    );
    expect(byEncrypted.balance).toBe(100);
    expect((await g.call("POST", "/Transaction/balancecheck", { cardtoken: "" })).status).toBe(400);
    expect((await g.call("POST", "/Transaction/balancecheck", { cardtoken: "1234567890123456" })).status).toBe(400);
  });

  it("sells a new card once, with a masked card number in the answer", async () => {
    const card = fresh[0]!;
    const token = await g.token(card);
    const before = await body(await g.call("POST", "/Transaction/balancecheck", { cardtoken: token }));
    expect(before.activated).toBe(false);
    const r = await g.call("POST", "/Transaction/sellnewcard", {
      cardtoken: token,
      amount: 50,
      FranchiseeID: g.store.franchisee_id,
      PosRef: "S-1",
    });
    expect(r.status).toBe(200);
    const b = await body(r);
    expect(b).toMatchObject({
      statuscode: "000000",
      balance: 50,
      status: true,
      franchiseeid: g.store.franchisee_id,
      storename: expect.any(String),
    });
    expect(b.cardno).toBe(`${card.cardnumber.slice(0, 6)}******${card.cardnumber.slice(-4)}`);
    expect(b.HostRef).toMatch(/^\d+$/);
    expect(b.datetimereloaded).toEqual(expect.any(String));
    const again = await g.call("POST", "/Transaction/sellnewcard", { cardtoken: token, amount: 50, PosRef: "S-2" });
    expect(again.status).toBe(409);
  });

  it("replays a repeated PosRef instead of moving money twice, and refuses it for a different amount", async () => {
    const card = fresh[1]!;
    const token = await g.token(card);
    const first = await body(
      await g.call("POST", "/Transaction/sellnewcard", { cardtoken: token, amount: "20.00", PosRef: "DUP-1" }),
    );
    const second = await body(
      await g.call("POST", "/Transaction/sellnewcard", { cardtoken: token, amount: "20.00", PosRef: "DUP-1" }),
    );
    expect(second.HostRef).toBe(first.HostRef);
    expect(second.balance).toBe(20);
    const r1 = await body(await g.call("POST", "/Transaction/reload", { cardtoken: token, amount: 5, PosRef: "R-1" }));
    const r2 = await body(await g.call("POST", "/Transaction/reload", { cardtoken: token, amount: 5, PosRef: "R-1" }));
    expect(r2.HostRef).toBe(r1.HostRef);
    expect((await body(await g.call("POST", "/Transaction/balancecheck", { cardtoken: token }))).balance).toBe(25);
    expect((await g.call("POST", "/Transaction/reload", { cardtoken: token, amount: 6, PosRef: "R-1" })).status).toBe(
      409,
    );
  });

  it("reloads an active card and refuses unsold cards, bad amounts and a foreign FranchiseeID", async () => {
    const token = await g.token(empty);
    const r = await g.call("POST", "/Transaction/reload", {
      cardtoken: token,
      amount: 12.34,
      franchiseeid: g.store.franchisee_id,
    });
    expect(r.status).toBe(200);
    expect((await body(r)).balance).toBe(12.34);
    for (const amount of [0, -1, "1.234", "ten"]) {
      const bad = await g.call("POST", "/Transaction/reload", { cardtoken: token, amount });
      expect(bad.status).toBe(400);
      expect((await body(bad)).errors.amount).toBeDefined();
    }
    const foreign = await g.call("POST", "/Transaction/reload", {
      cardtoken: token,
      amount: 1,
      FranchiseeID: other.store.franchisee_id,
    });
    expect(foreign.status).toBe(403);
    const over = await g.call("POST", "/Transaction/reload", { cardtoken: token, amount: 10_000 });
    expect(over.status).toBe(400);
  });

  it("redeems the full amount", async () => {
    const token = await g.token(funded);
    const r = await g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 10, PosRef: "D-1" });
    expect(r.status).toBe(200);
    const b = await body(r);
    expect(b).toMatchObject({
      Approvedbalance: 10,
      Previousbalance: 100,
      Newbalance: 90,
      status: true,
      description: "Approved",
    });
    expect(b.datetimeradeemed).toEqual(expect.any(String));
  });

  it("deactivates with a reason, refuses use while inactive, and reactivates", async () => {
    const token = await g.token(funded);
    const noReason = await g.call("PATCH", "/Transaction/changestatus", { cardtoken: token, status: false });
    expect(noReason.status).toBe(400);
    const off = await g.call("PATCH", "/Transaction/changestatus", {
      cardtoken: token,
      status: false,
      reason: "reported lost",
    });
    expect(off.status).toBe(200);
    expect(await body(off)).toMatchObject({
      statuscode: "000000",
      active: false,
      status: true,
      card: expect.stringMatching(/^\d{6}\*{6}\d{4}$/),
    });
    const refused = await g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 1 });
    expect(refused.status).toBe(400);
    expect((await body(refused)).detail).toMatch(/inactive \(reported lost\)/);
    expect((await body(await g.call("POST", "/Transaction/balancecheck", { cardtoken: token }))).activated).toBe(false);
    const on = await g.call("PATCH", "/Transaction/changestatus", { cardtoken: token, Status: true, Reason: "found" });
    expect(on.status).toBe(200);
    expect((await g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 1 })).status).toBe(200);
    expect((await g.call("POST", "/Transaction/changestatus", { cardtoken: token, status: true })).status).toBe(405);
  });

  it("redeems nothing from an empty card, even with acceptpartialamount", async () => {
    const other0 = g.store.cards.find((c) => c.activated && c.balance === 0)!;
    const token = await g.token(other0);
    await g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 12.34, acceptpartialamount: true });
    const r = await g.call("POST", "/Transaction/radeem", { cardtoken: token, amount: 1, acceptpartialamount: true });
    expect(r.status).toBe(400);
  });
});

describe("/Batch/{storeid}", () => {
  it("reports today's transactions and totals for the store, and only its own", async () => {
    const r = await g.call("GET", `/Batch/${g.store.store_id}`);
    expect(r.status).toBe(200);
    const b = await body(r);
    expect(b).toMatchObject({ statuscode: "000000", storeid: g.store.store_id });
    expect(b.count).toBe(b.transactions.length);
    expect(b.transactions.length).toBeGreaterThan(3);
    const sold = b.transactions
      .filter((t: Body) => t.type === "SELL")
      .reduce((s: number, t: Body) => s + t.approvedamount, 0);
    expect(b.totalsold).toBeCloseTo(sold, 2);
    expect(b.transactions[0]).toEqual(
      expect.objectContaining({ HostRef: expect.any(String), cardending: expect.stringMatching(/^\d{4}$/) }),
    );
    expect((await g.call("GET", `/Batch/${other.store.store_id}`)).status).toBe(404);
    expect((await g.call("GET", `/Batch/${g.store.store_id}?date=2001-01-01`).then(body)).count).toBe(0);
  });

  it("answers unknown paths with a ProblemDetails 404", async () => {
    const r = await g.call("GET", "/Nope");
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await body(r)).title).toBe("Not Found");
  });

  it("answers 415 to a body that is not JSON", async () => {
    const r = await fetch(`${g.server.url}/sandbox/giftcard/Transaction/reload`, {
      method: "POST",
      headers: {
        authorization: basic(g.store.username, g.store.password),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "amount=1",
    });
    expect(r.status).toBe(415);
    expect(((await r.json()) as { title: string }).title).toBe("Unsupported Media Type");
  });

  it("answers malformed JSON with a 400, not a crash", async () => {
    const r = await g.call("POST", "/Transaction/reload", "{not json");
    expect(r.status).toBe(400);
  });
});
