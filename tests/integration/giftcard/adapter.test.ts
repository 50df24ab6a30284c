import { afterAll, beforeAll, describe, expect } from "vitest";
import { randomUUID } from "node:crypto";
import { GatewayConfigError } from "@/lib/gateway";
import { Declined, InvalidRequest, NotFound, Unauthorized, userMessage } from "@/lib/gateway/errors";
import { createGiftCardAdapter, giftCardFor, type GiftCardAdapter } from "@/lib/giftcard/adapter";
import { handler } from "@portal/sandbox/giftcard";
import { serve, type Served } from "@/tests/helpers/serve";
import { caught } from "@/tests/helpers/caught";
import { connectGates, envSet, type ContractTarget } from "@/tests/helpers/contract-targets";

/**
 * The gift-card (POSPointe) adapter's contract cases run against two targets: the embedded emulator over real HTTP
 * (always), and a real POSPointe gift-card host when GIFTCARD_LIVE_* are set (see README, "Configuration for real
 * services"). Only harmless calls run on the real host — Auth/verify, the health probe and a balance inquiry of the
 * test card the tester names; every case that moves money on the store (sell, reload, redeem, status changes), closes
 * its batch, or needs the emulator's `_control` hooks (test stores and cards, the clock) is skipped there with that
 * reason, and the skip count is printed.
 */
interface GiftCardContext {
  gc: GiftCardAdapter;
  card: { cardNumber: string; securityCode: string };
  /** The card's balance in cents when the target knows it (the emulator's seeded card; GIFTCARD_LIVE_CARD_BALANCE). */
  balance: number | null;
}

interface GiftCardTarget extends ContractTarget {
  setup(): Promise<GiftCardContext>;
}

const LIVE_VARS = [
  "GIFTCARD_LIVE_BASE_URL",
  "GIFTCARD_LIVE_USERNAME",
  "GIFTCARD_LIVE_PASSWORD",
  "GIFTCARD_LIVE_FRANCHISEE_ID",
  "GIFTCARD_LIVE_STORE_ID",
  "GIFTCARD_LIVE_CARD_NUMBER",
  "GIFTCARD_LIVE_SECURITY_CODE",
];

const targets: GiftCardTarget[] = [
  {
    name: "emulator",
    enabled: true,
    hasControl: true,
    async setup() {
      const s = await newStore();
      return { gc: adapterFor(s), card: card(s, /active, 100\.00/), balance: 10000 };
    },
  },
  {
    name: "POSPointe gift card (GIFTCARD_LIVE_BASE_URL)",
    enabled: envSet(...LIVE_VARS),
    hasControl: false,
    enableWith: LIVE_VARS.join(", "),
    async setup() {
      const e = process.env;
      const gc = createGiftCardAdapter({
        baseUrl: (e.GIFTCARD_LIVE_BASE_URL ?? "").replace(/\/+$/, ""),
        username: e.GIFTCARD_LIVE_USERNAME ?? "",
        password: e.GIFTCARD_LIVE_PASSWORD ?? "",
        franchiseeId: e.GIFTCARD_LIVE_FRANCHISEE_ID ?? "",
        storeId: e.GIFTCARD_LIVE_STORE_ID ?? "",
      });
      const balance = e.GIFTCARD_LIVE_CARD_BALANCE?.trim();
      return {
        gc,
        card: { cardNumber: e.GIFTCARD_LIVE_CARD_NUMBER ?? "", securityCode: e.GIFTCARD_LIVE_SECURITY_CODE ?? "" },
        balance: balance ? Number(balance) : null,
      };
    },
  },
];

interface Store {
  username: string;
  password: string;
  franchisee_id: string;
  store_id: string;
  cards: { cardnumber: string; securitycode: string; balance: number; activated: boolean; note: string }[];
}

let served: Served;
let store: Store;
let gc: GiftCardAdapter;
const bodies: string[] = [];

async function newStore(): Promise<Store> {
  const r = await fetch(`${served.url}/sandbox/giftcard/_control/stores`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(r.status).toBe(201);
  return (await r.json()) as Store;
}

function adapterFor(s: Store): GiftCardAdapter {
  return giftCardFor({
    environment: "sandbox",
    appUrl: served.url,
    credentials: { username: s.username, password: s.password, franchiseeId: s.franchisee_id, storeId: s.store_id },
  });
}

async function advance(s: Store, seconds: number) {
  const r = await fetch(`${served.url}/sandbox/giftcard/_control/clock`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`${s.username}:${s.password}`).toString("base64")}`,
    },
    body: JSON.stringify({ advance_seconds: seconds }),
  });
  expect(r.status).toBe(200);
}

const card = (s: Store, note: RegExp) => {
  const c = s.cards.find((x) => note.test(x.note));
  if (!c) throw new Error(`no card ${note}`);
  return { cardNumber: c.cardnumber, securityCode: c.securitycode };
};

beforeAll(async () => {
  served = await serve(async (req) => {
    // Record every request body the sandbox receives (to prove where card numbers go).
    bodies.push(`${new URL(req.url).pathname} ${await req.clone().text()}`);
    return handler(req);
  });
  store = await newStore();
  gc = adapterFor(store);
});
afterAll(() => served.close());

for (const target of targets) {
  describe(`gift-card adapter — ${target.name}`, () => {
    const ctx = {} as GiftCardContext;
    beforeAll(async () => {
      if (target.enabled) Object.assign(ctx, await target.setup());
    });
    const { live, sandboxOnly } = connectGates(
      target,
      "they move money on the store or close its batch, or need the emulator's _control hooks (test stores and cards, the clock)",
    );

    live("verifies its credentials (PUT /Auth/verify) and answers the health probe", async () => {
      expect(await ctx.gc.verify()).toMatchObject({ ok: true });
      expect(await ctx.gc.health()).toBe(true);
    });

    live("checks the balance of the test card in integer cents, showing only its last four digits", async () => {
      const b = await ctx.gc.balance(ctx.card);
      expect(b.lastFour).toBe(ctx.card.cardNumber.slice(-4));
      expect(Number.isInteger(b.balance)).toBe(true);
      if (ctx.balance !== null) expect(b.balance).toBe(ctx.balance);
      expect(JSON.stringify(b)).not.toContain(ctx.card.cardNumber);
    });

    sandboxOnly("checks the balance of an active card in cents", async () => {
      const c = card(store, /active, 100\.00/);
      const b = await gc.balance(c);
      expect(b).toMatchObject({ balance: 10000, active: true, lastFour: c.cardNumber.slice(-4) });
      const half = await gc.balance(card(store, /active, 25\.50/));
      expect(half.balance).toBe(2550);
      expect(await gc.health()).toBe(true);
    });

    sandboxOnly("sells unsold stock, reloads it, and replays a repeated intent instead of loading twice", async () => {
      const stock = card(store, /new card stock/);
      const { token } = await gc.tokenize(stock.cardNumber, stock.securityCode);
      const k = randomUUID();
      const sold = await gc.sell({ token }, { amount: 5025, idempotencyKey: k });
      expect(sold.balance).toBe(5025);
      const again = await gc.sell({ token }, { amount: 5025, idempotencyKey: k });
      expect(again.hostRef).toBe(sold.hostRef);
      const resold = await caught(gc.sell({ token }, { amount: 100, idempotencyKey: randomUUID() }));
      expect(resold).toBeInstanceOf(InvalidRequest);
      expect((resold as InvalidRequest).status).toBe(409);
      const reloaded = await gc.reload({ token }, { amount: 1999, idempotencyKey: randomUUID() });
      expect(reloaded.balance).toBe(7024);
      expect((await gc.balance({ token })).balance).toBe(7024);
    });

    sandboxOnly(
      "refuses to redeem more than the balance without partial, leaving it unchanged; partial takes the whole balance",
      async () => {
        const c = card(store, /active, 25\.50/);
        const over = await caught(gc.redeem(c, { amount: 3000, idempotencyKey: randomUUID() }));
        expect(over).toBeInstanceOf(Declined);
        expect(userMessage(over)).toMatch(/insufficient balance/i);
        expect((await gc.balance(c)).balance).toBe(2550);

        const exact = await gc.redeem(c, { amount: 550, idempotencyKey: randomUUID() });
        expect(exact).toMatchObject({ approved: 550, previousBalance: 2550, newBalance: 2000, partial: false });
        const partial = await gc.redeem(c, { amount: 3000, acceptPartial: true, idempotencyKey: randomUUID() });
        expect(partial).toMatchObject({ requested: 3000, approved: 2000, newBalance: 0, partial: true });
      },
    );

    sandboxOnly(
      "deactivates with a reason (refused without one), refuses redeeming an inactive card, reactivates",
      async () => {
        const c = card(store, /active, 100\.00/);
        expect(await caught(gc.changeStatus(c, { active: false }))).toBeInstanceOf(InvalidRequest);
        const off = await gc.changeStatus(c, { active: false, reason: "Reported lost" });
        expect(off).toMatchObject({ active: false, balance: 10000 });
        const refused = await caught(gc.redeem(c, { amount: 100, idempotencyKey: randomUUID() }));
        expect(refused).toBeInstanceOf(InvalidRequest);
        expect((await gc.changeStatus(c, { active: true, reason: "Found" })).active).toBe(true);
        expect((await gc.redeem(c, { amount: 100, idempotencyKey: randomUUID() })).newBalance).toBe(9900);
      },
    );

    sandboxOnly("refreshes a cached token after 10 simulated minutes; a bare old token is refused", async () => {
      const s = await newStore();
      const g = adapterFor(s);
      const c = card(s, /active, 100\.00/);
      const { token } = await g.tokenize(c.cardNumber, c.securityCode);
      expect((await g.balance({ token })).balance).toBe(10000);
      await advance(s, 11 * 60);
      const stale = await caught(g.balance({ token }));
      expect(stale).toBeInstanceOf(InvalidRequest);
      expect((stale as InvalidRequest).fieldErrors[0]?.field).toBe("cardToken");
      // With the number at hand (the same server request), the adapter gets a fresh token and carries on.
      expect((await g.balance(c)).balance).toBe(10000);
    });

    sandboxOnly("reports the store's batch for the day with totals in cents", async () => {
      const report = await gc.batch();
      expect(report.count).toBeGreaterThanOrEqual(5);
      expect(report.totalSold).toBe(5025);
      expect(report.totalReloaded).toBe(1999);
      expect(report.totalRedeemed).toBe(550 + 2000 + 100);
      expect(report.lines.map((l) => l.type)).toEqual(expect.arrayContaining(["sell", "reload", "redeem"]));
      expect(report.lines.every((l) => l.lastFour === null || /^\d{4}$/.test(l.lastFour))).toBe(true);
    });

    sandboxOnly(
      "verifies its credentials (PUT /Auth/verify) and closes the open batch once (POST /Batch/batch/{storeid})",
      async () => {
        expect(await gc.verify()).toMatchObject({ ok: true });
        const other = await newStore();
        const wrongStore = giftCardFor({
          environment: "sandbox",
          appUrl: served.url,
          credentials: {
            username: other.username,
            password: other.password,
            franchiseeId: other.franchisee_id,
            storeId: store.store_id,
          },
        });
        expect((await wrongStore.verify()).ok).toBe(false);
        const open = await gc.batch();
        const closed = await gc.closeBatch();
        expect(closed.count).toBe(open.count);
        expect(closed.totalSold).toBe(open.totalSold);
        // Nothing new since: the next close is empty, and another store's id is not found.
        expect((await gc.closeBatch()).count).toBe(0);
        expect(await caught(wrongStore.closeBatch())).toBeInstanceOf(NotFound);
      },
    );

    sandboxOnly("maps credentials and unknown cards to domain errors and guards the environment", async () => {
      const bad = createGiftCardAdapter({
        baseUrl: `${served.url}/sandbox/giftcard`,
        username: store.username,
        password: "wrong",
        franchiseeId: store.franchisee_id,
        storeId: store.store_id,
      });
      expect(await caught(bad.balance({ token: "1234567890123456" }))).toBeInstanceOf(Unauthorized);
      expect(await caught(gc.tokenize("6060000000000000", "1234"))).toBeInstanceOf(NotFound);
      expect(() =>
        giftCardFor({
          environment: "production",
          baseUrl: `${served.url}/sandbox/giftcard`,
          credentials: { username: "u", password: "p", franchiseeId: "f", storeId: "s" },
        }),
      ).toThrow(GatewayConfigError);
    });

    sandboxOnly("sends card numbers only to the tokenization call", () => {
      const numbers = [...store.cards.map((c) => c.cardnumber)];
      for (const b of bodies) {
        const hit = numbers.some((n) => b.includes(n));
        if (hit) expect(b.startsWith("/sandbox/giftcard/v1/Token ")).toBe(true);
      }
      expect(bodies.some((b) => b.startsWith("/sandbox/giftcard/v1/Token "))).toBe(true);
    });
  });
}
