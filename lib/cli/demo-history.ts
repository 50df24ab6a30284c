import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getMerchantWithCredentials } from "@/db/queries/merchants";
import { memberships } from "@/db/schema";
import { unsealCredentials } from "@/lib/connections/credentials";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { Declined } from "@/lib/gateway/errors";
import { giftCardFor } from "@/lib/giftcard/adapter";
import type { GatewayAdapter } from "@/lib/gateway/types";
import type { PaymentSource } from "@/lib/gateway/types-transactions";
import { sandboxControl } from "@/lib/sandbox-control";
import { createInvoice } from "@/lib/services/invoices/save";
import { sendInvoice } from "@/lib/services/invoices/send";
import { markInvoicePaid, voidInvoice } from "@/lib/services/invoices/status";
import { syncMerchantInvoices } from "@/lib/services/invoices/sync";
import { registerSandboxWebhook } from "@/lib/services/merchants/provision-sandbox";
import { syncMerchantBatches } from "@/lib/sync/batches";
import { upsertCustomers } from "@/lib/sync/customers";
import { upsertTransactions } from "@/lib/sync/transactions";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import { syncMerchantSubscriptions } from "@/lib/sync/subscriptions";
import { invoiceFormSchema } from "@/lib/validations/invoices";
import { seededRandom } from "@/lib/seeded-random";

/**
 * Demo history (`DEMO_HISTORY=on|small|off`): 90 days of business for the demo's gateway merchants, made the way
 * it would have happened — through the sandbox gateway's API (sales, declines, voids, refunds, vault customers,
 * plans and subscriptions billed by the sandbox's own engine, invoices through the portal's invoice services) on an
 * account whose simulated clock started in the past (`_control/accounts {start_at}`) and is advanced hour by hour to
 * the present, closing a settlement batch every day. The portal then learns all of it the way it learns any
 * history: the backfill and reconciliation jobs' sync functions. Nothing is inserted into the portal's cache here.
 *
 * Deterministic: one seeded generator decides every amount, card, time and outcome, so the same seed and size give
 * the same totals. Nothing here sends mail: invoices are shared by link only (send channel "none", no bill-to email),
 * transactions carry no receipt address, and the sandbox webhooks are pointed at the portal only afterwards.
 */

export type HistorySize = "on" | "small" | "off";

export const HISTORY_DAYS = 90;
/** `small` (the e2e suite): the last five weeks only. */
const daysFor = (size: HistorySize) => (size === "small" ? 35 : HISTORY_DAYS);
/** Day index of today: the history covers days 0 … LAST_DAY, exactly the dashboard's 90-day period. */
const LAST_DAY = HISTORY_DAYS - 1;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** When the demo accounts' clocks start: midnight UTC of the first day of the last HISTORY_DAYS days (today included). */
export function historyStart(size: HistorySize, now = new Date()): Date | undefined {
  if (size === "off") return undefined;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - LAST_DAY * DAY_MS);
}

// Test cards of the sandboxes (docs/sandbox/fluidpay.md, cardpointe.md): brands by BIN, declines by number.
const FLUIDPAY_BRAND_CARDS: [number, string][] = [
  [0.52, "4111111111111111"],
  [0.27, "5555555555554444"],
  [0.13, "378282246310005"],
  [0.08, "6011111111111117"],
];
const FLUIDPAY_DECLINE_CARDS: [number, string][] = [
  [0.45, "4000000000009995"], // insufficient funds
  [0.3, "4000000000000002"], // do not honor
  [0.15, "4000000000000069"], // expired card
  [0.1, "4000000000009987"], // lost card
];
// CardPointe UAT: approval cards per brand; decline cards by reason (tickets stay below $1000, where amounts would
// pick response codes).
const CARDPOINTE_BRAND_CARDS: [number, string][] = [
  [0.5, "4788250000121443"],
  [0.28, "5454545454545454"],
  [0.12, "371449635398431"],
  [0.1, "6011000995500000"],
];
const CARDPOINTE_DECLINE_CARDS: [number, string][] = [
  [0.4, "4387751111111053"], // insufficient funds
  [0.3, "4387751111111038"], // do not honor
  [0.15, "5442981111111049"], // wrong expiration
  [0.15, "6011000995511122"], // refer to issuer
];
const CARDS = {
  fluidpay: { brands: FLUIDPAY_BRAND_CARDS, declines: FLUIDPAY_DECLINE_CARDS, failingRenewal: "4000000000009995" },
  cardpointe: {
    brands: CARDPOINTE_BRAND_CARDS,
    declines: CARDPOINTE_DECLINE_CARDS,
    failingRenewal: "4387751111111053",
  },
};
const EXPIRATION = "12/30";

interface Profile {
  /** Mean sales per weekday (Mon..Sun). */
  perDay: number[];
  /** Ticket range in cents. */
  ticket: [number, number];
  openHour: number;
  closeHour: number;
  declineRate: number;
  customers: number;
  invoices: boolean;
  terminals: boolean;
  plans: { name: string; amount: number }[];
}

const PROFILES: Record<string, Profile> = {
  "Acme Coffee": {
    perDay: [21, 19, 20, 22, 25, 31, 24],
    ticket: [350, 2400],
    openHour: 12,
    closeHour: 23,
    declineRate: 0.07,
    customers: 14,
    invoices: true,
    terminals: true,
    plans: [
      { name: "Coffee Club", amount: 2500 },
      { name: "Office Beans", amount: 8900 },
    ],
  },
  "Corner Hardware": {
    perDay: [10, 9, 9, 10, 12, 16, 6],
    ticket: [800, 32000],
    openHour: 13,
    closeHour: 23,
    declineRate: 0.05,
    customers: 8,
    invoices: true,
    terminals: false,
    plans: [],
  },
  "Blue Fern Studio": {
    perDay: [7, 8, 8, 9, 10, 12, 3],
    ticket: [4500, 26000],
    openHour: 14,
    closeHour: 23,
    declineRate: 0.06,
    customers: 10,
    invoices: true,
    terminals: false,
    plans: [
      { name: "Unlimited Classes", amount: 14900 },
      { name: "Ten-Class Pass", amount: 9900 },
    ],
  },
};

const FIRST = ["Maya", "Liam", "Noor", "Ethan", "Sofia", "Kenji", "Ava", "Mateo", "Zoe", "Omar", "Iris", "Lucas"];
const LAST = ["Patel", "Nguyen", "Garcia", "Kim", "Okafor", "Rossi", "Cohen", "Silva", "Larsen", "Haddad"];
const CITIES: [string, string, string][] = [
  ["Portland", "OR", "97205"],
  ["Austin", "TX", "78701"],
  ["Denver", "CO", "80202"],
  ["Madison", "WI", "53703"],
];

export interface HistoryMerchant {
  id: string;
  name: string;
  gateway: "fluidpay" | "cardpointe";
}

export interface HistorySummary {
  merchants: number;
  sales: number;
  declines: number;
  refunds: number;
  voids: number;
  customers: number;
  subscriptions: number;
  invoices: number;
  giftCards: number;
  /** Sum of approved sale amounts requested (cents): what determinism is checked against. */
  approvedVolume: number;
}

export interface HistoryOptions {
  size: Exclude<HistorySize, "off">;
  seed?: number;
  /** Where the history ends (default: now); the same seed, size, start and end make the same history. */
  now?: Date;
  say?: (line: string) => void;
}

function pick<T>(rnd: () => number, weighted: [number, T][]): T {
  let r = rnd();
  for (const [w, v] of weighted) {
    if (r < w) return v;
    r -= w;
  }
  return weighted[weighted.length - 1]![1];
}

function poisson(rnd: () => number, mean: number): number {
  // Knuth; means here are small (≤ 40).
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rnd();
  } while (p > l);
  return k - 1;
}

function hashName(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** One merchant's account clock, moved forward only (the sandbox runs billing and batch close at each midnight). */
class Clock {
  now = new Date(0);
  constructor(private account: { family: "fluidpay"; apiKey: string } | { family: "cardpointe"; merchid: string }) {}
  private async advance(seconds: number): Promise<void> {
    if (this.account.family === "fluidpay") {
      const r = await sandboxControl<{ data: { now: string } }>(
        "gateway",
        "clock",
        { advance_seconds: seconds },
        { authorization: this.account.apiKey },
      );
      this.now = new Date(r.data.now);
    } else {
      const r = await sandboxControl<{ now: string }>("cardpointe", "clock", {
        merchid: this.account.merchid,
        advance_seconds: seconds,
      });
      this.now = new Date(r.now);
    }
  }
  async read(): Promise<Date> {
    await this.advance(0);
    return this.now;
  }
  async to(target: Date): Promise<void> {
    const seconds = Math.floor((target.getTime() - this.now.getTime()) / 1000);
    if (seconds > 0) await this.advance(seconds);
  }
}

interface Sale {
  id: string;
  amount: number;
  day: number;
}

async function generateFor(
  m: HistoryMerchant,
  opts: HistoryOptions & { seed: number },
  summary: HistorySummary,
  say: (line: string) => void,
): Promise<void> {
  const profile = PROFILES[m.name];
  if (!profile) return;
  const row = await getMerchantWithCredentials({ merchantId: m.id });
  if (!row?.credentialsEnc) return;
  const creds = unsealCredentials(row.credentialsEnc, m.id);
  const g = creds.gateway;
  const clock = new Clock(
    g.family === "fluidpay" ? { family: "fluidpay", apiKey: g.apiKey } : { family: "cardpointe", merchid: g.merchid },
  );
  const cards = CARDS[g.family];
  const gw: GatewayAdapter = await gatewayForMerchant(m.id);
  const rnd = seededRandom(opts.seed ^ hashName(m.name));
  const scale = opts.size === "small" ? 0.12 : 1;
  const days = daysFor(opts.size);
  await clock.read();
  const start = new Date(Date.UTC(clock.now.getUTCFullYear(), clock.now.getUTCMonth(), clock.now.getUTCDate()));
  const end = opts.now ?? new Date();
  const firstDay = HISTORY_DAYS - days;
  let seq = 0;
  // Idempotency keys are UUIDs at the gateway: one derived from the merchant, the purpose and a sequence number.
  const key = (what: string) => {
    const h = createHash("sha256").update(`demo-history:${m.id}:${what}:${++seq}`).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const owner = await getDb()
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.merchantId, m.id))
    .limit(1);
  const actor = { userId: owner[0]?.userId ?? "" };

  // Day 0: vault customers (one of them with a card that will decline its renewals) and plans.
  await clock.to(new Date(start.getTime() + (firstDay * 24 + 9) * HOUR_MS));
  const customers: { id: string; name: string; first: string; last: string; city: [string, string, string] }[] = [];
  const nCustomers = Math.max(4, Math.round(profile.customers * (opts.size === "small" ? 0.5 : 1)));
  for (let i = 0; i < nCustomers; i++) {
    const first = FIRST[(i + hashName(m.name)) % FIRST.length]!;
    const last = LAST[(i * 3 + 1) % LAST.length]!;
    const city = CITIES[i % CITIES.length]!;
    const failing = i === nCustomers - 1;
    const number = failing ? cards.failingRenewal : pick(rnd, cards.brands);
    const c = await gw.vault.createCustomer({
      description: `${first} ${last}`,
      paymentMethod: { kind: "card", number, expiration: EXPIRATION },
      billingAddress: {
        firstName: first,
        lastName: last,
        line1: `${100 + i * 7} Market St`,
        city: city[0],
        state: city[1],
        postalCode: city[2],
        country: "US",
      },
    });
    // Into the customers cache the way the portal's own customer service writes it through.
    await upsertCustomers(getDb(), m.id, [c]);
    customers.push({ id: c.id, name: `${first} ${last}`, first, last, city });
    summary.customers++;
  }
  const plans = [];
  for (const p of gw.capabilities.recurring ? profile.plans : []) {
    plans.push(
      await gw.recurring.plans.create({
        name: p.name,
        amount: p.amount,
        billingCycleInterval: 1,
        billingFrequency: "monthly",
        billingDays: [1 + ((plans.length * 14) % 28)],
        duration: 0,
      }),
    );
  }
  // Subscriptions: most stay active; the last customer's card declines (past due); two are cancelled later.
  const subs: string[] = [];
  const nSubs = plans.length === 0 ? 0 : Math.min(customers.length, opts.size === "small" ? 4 : 9);
  for (let i = 0; i < nSubs; i++) {
    const c = i === nSubs - 1 ? customers[customers.length - 1]! : customers[i]!;
    const plan = plans[i % plans.length]!;
    const next = new Date(start.getTime() + (firstDay + 2 + ((i * 5) % 20)) * DAY_MS);
    const s = await gw.recurring.subscriptions.create({
      planId: plan.id,
      description: `${plan.name} — ${c.name}`,
      customer: { id: c.id },
      amount: plan.amount,
      billingCycleInterval: 1,
      billingFrequency: "monthly",
      billingDays: [next.getUTCDate() > 28 ? 28 : next.getUTCDate()],
      duration: 0,
      nextBillDate: isoDay(next),
    });
    subs.push(s.id);
    summary.subscriptions++;
  }

  const recent: Sale[] = [];
  const invoicePlan = profile.invoices ? invoiceSchedule(rnd, firstDay, opts.size) : [];
  const cardFor = (): { number: string; declined: boolean } => {
    if (rnd() < profile.declineRate) return { number: pick(rnd, cards.declines), declined: true };
    return { number: pick(rnd, cards.brands), declined: false };
  };
  let lastReport = Date.now();
  for (let day = firstDay; day <= LAST_DAY; day++) {
    const dayStart = start.getTime() + day * DAY_MS;
    if (dayStart > end.getTime()) break;
    const weekday = (new Date(dayStart).getUTCDay() + 6) % 7;
    const trend = 0.85 + (0.3 * day) / HISTORY_DAYS;
    const count = poisson(rnd, profile.perDay[weekday]! * trend * scale);
    const hours = profile.closeHour - profile.openHour;
    const times = Array.from({ length: count }, () => dayStart + (profile.openHour + rnd() * hours) * HOUR_MS).sort(
      (a, b) => a - b,
    );
    // Refunds of earlier (settled) sales, in the morning.
    // About 3% of sales come back as a refund, in the morning.
    const refundMean = profile.perDay[weekday]! * scale * 0.03;
    if (recent.length > 0) {
      const n = poisson(rnd, refundMean);
      for (let k = 0; k < n; k++) {
        const candidates = recent.filter((s) => s.day < day - 1 && s.day > day - 20);
        const sale = candidates[Math.floor(rnd() * candidates.length)];
        if (!sale) break;
        recent.splice(recent.indexOf(sale), 1);
        await clock.to(new Date(dayStart + (profile.openHour - 1) * HOUR_MS));
        const amount = rnd() < 0.6 ? sale.amount : Math.max(100, Math.round(sale.amount / 2));
        try {
          await gw.transactions.refund(sale.id, { amount });
          summary.refunds++;
        } catch {
          // not refundable (e.g. not settled yet): a demo skips it
        }
      }
    }
    for (const at of times) {
      if (at > end.getTime()) break;
      // Sales within a quarter of an hour share one clock move (half the calls, the same day and hour).
      if (at - clock.now.getTime() > 15 * 60_000) await clock.to(new Date(at));
      const card = cardFor();
      const amount = Math.round((profile.ticket[0] + rnd() ** 2 * (profile.ticket[1] - profile.ticket[0])) / 5) * 5;
      const useVault = !card.declined && rnd() < 0.15 && customers.length > 1;
      const source: PaymentSource = useVault
        ? { kind: "customer", customerId: customers[Math.floor(rnd() * (customers.length - 1))]!.id }
        : { kind: "card", number: card.number, expiration: EXPIRATION };
      try {
        const t = await gw.transactions.create({
          type: "sale",
          amount,
          source,
          idempotencyKey: key("sale"),
          // Seed 003 L90: an order id is at most 15 letters and digits.
          orderId: `D${day}S${seq}`,
          description: "Counter sale",
        });
        if (t.approved) {
          summary.sales++;
          summary.approvedVolume += amount;
          if (rnd() < 0.015) {
            await gw.transactions.void(t.id);
            summary.voids++;
          } else {
            recent.push({ id: t.id, amount, day });
            if (recent.length > 400) recent.shift();
          }
        } else summary.declines++;
      } catch (err) {
        // Anything but a decline is a bug of the history (e.g. a field the gateway refuses), never a decline.
        if (!(err instanceof Declined)) throw err;
        // The adapter reports a decline as an error (Declined): it still happened at the gateway. CardPointe's
        // history is read from settlement reports, where declines never appear, so the portal keeps a declined
        // attempt when it makes it (write-through, as the virtual terminal does).
        summary.declines++;
        if (err instanceof Declined && err.transaction && g.family === "cardpointe")
          await upsertTransactions(getDb(), m.id, [err.transaction]);
      }
    }
    // A card-present sale on the counter terminal every other day (it resolves on the device seconds later).
    if (profile.terminals && day % 2 === 0 && opts.size === "on") {
      const terminals = await gw.terminals.list();
      const term = terminals.find((t) => t.serialNumber?.endsWith("1")) ?? terminals[0];
      if (term) {
        await gw.terminals
          .run({ terminalId: term.id, type: "sale", amount: 1250 + day * 5, idempotencyKey: key("terminal") })
          .catch(() => undefined);
      }
    }
    for (const inv of invoicePlan.filter((i) => i.issueDay === day)) {
      await clock.to(new Date(dayStart + (profile.openHour + 1) * HOUR_MS));
      await makeInvoice(m, gw, actor, customers[inv.customer % customers.length]!, inv, start, key);
      summary.invoices++;
    }
    // Churn: one subscription cancelled a month ago, one on the first of this month.
    const firstOfMonth = LAST_DAY - (end.getUTCDate() - 1);
    if (subs.length > 3 && (day === LAST_DAY - 30 || day === Math.max(firstDay + 1, firstOfMonth))) {
      const id = day === LAST_DAY - 30 ? subs[1] : subs[2];
      if (id) await gw.recurring.subscriptions.setStatus(id, "cancelled");
    }
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      say(`  ${m.name}: day ${day - firstDay + 1} of ${days}, ${summary.sales} sales so far`);
    }
  }
  await clock.to(new Date());
  if (opts.size === "on") summary.giftCards += await giftCardActivity(m.id, rnd, key);
  // The gateway documents no subscription search (seed 003): the portal learns a subscription from the call that
  // made it or a webhook naming it; the history names the ones it made to the subscription sync.
  createdSubscriptions.set(m.id, subs);
}

/** Subscriptions each merchant's history made, for the subscription sync (per run). */
const createdSubscriptions = new Map<string, string[]>();

/**
 * Gift cards: a few cards of new stock sold at the counter today, one reloaded and one partly redeemed, through the
 * gift-card service's API (the store's batch report for today shows them). New stock comes from the gift-card
 * sandbox's `_control/cards` (the store's own Basic credentials), as a store would receive blank cards.
 */
async function giftCardActivity(merchantId: string, rnd: () => number, key: (what: string) => string): Promise<number> {
  const row = await getMerchantWithCredentials({ merchantId });
  if (!row?.credentialsEnc) return 0;
  const gc = unsealCredentials(row.credentialsEnc, merchantId).giftcard;
  if (!gc) return 0;
  const basic = `Basic ${Buffer.from(`${gc.username}:${gc.password}`).toString("base64")}`;
  const stock = await sandboxControl<{ cards: { cardnumber: string; securitycode: string }[] }>(
    "giftcard",
    "cards",
    { count: 3, balance: 0, activated: false },
    { authorization: basic },
  );
  const store = giftCardFor({ environment: row.environment, credentials: gc });
  let n = 0;
  for (const c of stock.cards) {
    const ref = { cardNumber: c.cardnumber, securityCode: c.securitycode };
    await store.sell(ref, { amount: [2500, 5000, 10000][n % 3] as number, idempotencyKey: key("gift-sell") });
    n++;
    if (n === 1) await store.reload(ref, { amount: 2000, idempotencyKey: key("gift-reload") });
    if (n === 2) {
      await store.redeem(ref, { amount: 1000 + Math.round(rnd() * 20) * 100, idempotencyKey: key("gift-redeem") });
    }
  }
  return n;
}

interface PlannedInvoice {
  issueDay: number;
  dueInDays: number;
  customer: number;
  amount: number;
  fate: "draft" | "sent" | "partial" | "paid" | "void";
}

/** Invoices issued over the period: every state, with due dates spread over the aging buckets. */
function invoiceSchedule(rnd: () => number, firstDay: number, size: HistorySize): PlannedInvoice[] {
  const out: PlannedInvoice[] = [];
  const n = size === "small" ? 8 : 26;
  const fates: PlannedInvoice["fate"][] = ["sent", "paid", "sent", "partial", "paid", "sent", "void", "draft"];
  for (let i = 0; i < n; i++) {
    const issueDay = Math.min(LAST_DAY, firstDay + Math.floor(((HISTORY_DAYS - firstDay) * (i + 0.5)) / n));
    out.push({
      issueDay,
      // Net 15/30; the first ones of a full history fall past 60 and 90 days overdue when unpaid.
      // The first one was carried over, due before the history starts (the 90+ days bucket when unpaid).
      dueInDays: i === 0 ? firstDay - issueDay - 5 : i % 3 === 0 ? 15 : 30,
      customer: i,
      amount: 5000 + Math.round(rnd() * 90) * 500,
      fate: fates[i % fates.length]!,
    });
  }
  return out;
}

async function makeInvoice(
  m: HistoryMerchant,
  gw: GatewayAdapter,
  actor: { userId: string },
  c: { id: string; first: string; last: string; city: [string, string, string] },
  inv: PlannedInvoice,
  start: Date,
  key: (what: string) => string,
): Promise<void> {
  const due = new Date(start.getTime() + (inv.issueDay + inv.dueInDays) * DAY_MS);
  const form = invoiceFormSchema.parse({
    customerId: c.id,
    dueDate: isoDay(due),
    items: [
      {
        name: m.name === "Acme Coffee" ? "Catering order" : "Private session",
        quantity: "1",
        unitPrice: `${inv.amount / 100}`,
      },
    ],
    paymentMethods: ["card"],
    allowPartialPayment: true,
    sendVia: "none",
    // No email on the bill-to: history never mails anyone (the link is shared by hand).
    billTo: {
      firstName: c.first,
      lastName: c.last,
      line1: "12 Elm St",
      city: c.city[0],
      state: c.city[1],
      postalCode: c.city[2],
    },
    payableTo: { company: m.name, line1: "1 Main St", city: "Portland", state: "OR", postalCode: "97205" },
  });
  const { id } = await createInvoice(m.id, actor, form);
  if (inv.fate === "draft") return;
  await sendInvoice(m.id, actor, id, "none");
  if (inv.fate === "void") return voidInvoice(m.id, actor, id);
  if (!gw.capabilities.invoices) {
    // Invoices the portal keeps itself (CardPointe): a paid one was settled by check, recorded by the merchant.
    if (inv.fate === "paid") await markInvoicePaid(m.id, actor, id, { method: "check", note: "Check received" });
    return;
  }
  if (inv.fate === "paid" || inv.fate === "partial") {
    const amount = inv.fate === "paid" ? undefined : Math.round(inv.amount / 2);
    await gw.invoices
      .pay(id, { source: { kind: "customer", customerId: c.id }, amount, idempotencyKey: key("invoice-pay") })
      .catch(() => undefined);
  }
}

/**
 * Generates the history for every demo merchant with a profile, then syncs it into the portal (backfill of
 * transactions and batches, subscriptions, invoices) and points the sandbox webhooks at the portal.
 */
export async function generateDemoHistory(
  merchants: HistoryMerchant[],
  opts: HistoryOptions,
  webhookUrl: string,
): Promise<HistorySummary> {
  const say = opts.say ?? ((l: string) => console.log(l));
  const seed = opts.seed ?? 20_261_207;
  const started = Date.now();
  const summary: HistorySummary = {
    merchants: 0,
    sales: 0,
    declines: 0,
    refunds: 0,
    voids: 0,
    customers: 0,
    subscriptions: 0,
    invoices: 0,
    giftCards: 0,
    approvedVolume: 0,
  };
  say(`Demo history (${opts.size}): ${daysFor(opts.size)} days of business through the sandboxes...`);
  // `small` (the e2e suite) gives history to the first merchant only (Acme Coffee): the others stay as blank as
  // the specs that count their own transactions expect.
  const eligible = merchants.filter((m) => PROFILES[m.name]);
  const withProfile = opts.size === "small" ? eligible.slice(0, 1) : eligible;
  await Promise.all(withProfile.map((m) => generateFor(m, { ...opts, seed }, summary, say)));
  summary.merchants = withProfile.length;
  say(
    `  made ${summary.sales} sales, ${summary.declines} declines, ${summary.refunds} refunds, ${summary.voids} voids, ` +
      `${summary.invoices} invoices, ${summary.subscriptions} subscriptions, ${summary.giftCards} gift cards sold (${((Date.now() - started) / 1000).toFixed(0)} s); syncing...`,
  );
  // Terminal sales resolve on the device a few seconds after they start.
  if (opts.size === "on") await new Promise((r) => setTimeout(r, 4500));
  for (const m of withProfile) {
    say(`  syncing ${m.name}...`);
    await syncMerchantTransactions(m.id, { kind: "backfill" });
    await syncMerchantBatches(m.id);
    await syncMerchantSubscriptions(m.id, createdSubscriptions.get(m.id) ?? []);
    await syncMerchantInvoices(m.id);
  }
  for (const m of merchants) {
    const row = await getMerchantWithCredentials({ merchantId: m.id });
    if (!row?.credentialsEnc) continue;
    const g = unsealCredentials(row.credentialsEnc, m.id).gateway;
    // Every account's clock started in the past: the ones without history move to the present too.
    const clock = new Clock(
      g.family === "fluidpay" ? { family: "fluidpay", apiKey: g.apiKey } : { family: "cardpointe", merchid: g.merchid },
    );
    await clock.read();
    await clock.to(new Date());
    if (g.family === "fluidpay" && g.webhookSecret) await registerSandboxWebhook(g.apiKey, webhookUrl, g.webhookSecret);
  }
  say(`Demo history ready in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return summary;
}
