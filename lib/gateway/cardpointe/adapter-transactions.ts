import { createHash } from "node:crypto";
import { InvalidRequest, NotFound, Unavailable } from "../errors";
import type {
  AddressInput,
  CreateTransactionInput,
  Page,
  Transaction,
  TransactionQuery,
  TransactionsApi,
} from "../types";
import type { CardPointeClient } from "./client";
import { txnOrListSchema, txnSchema, type WireTxn } from "./schemas";
import { settledRetrefs } from "./adapter-settlement";
import { profileField, toCents, toGatewayError, toTransaction, toWireAmount } from "./transform";

/**
 * Transactions on the CardPointe Gateway.
 *
 * Idempotency: CardPointe has no idempotency key. Every charge carries an `orderid` — the caller's order id, or
 * one derived from the idempotency key — and the key itself in `userfields.idempotencykey`. Before a charge whose
 * orderid is derived from the key, and after any write whose outcome is unknown (timeout, network error, 5xx),
 * the adapter asks `inquireByOrderid` (this MID only) for a record carrying that key: found → that transaction is
 * the answer (no second charge); PPS 29 "not found" → nothing was charged, so the auth is sent again (services.md
 * §1.4). Two requests racing in the same instant can still both pass the pre-check; the portal's own intent lock
 * covers that, this covers retries.
 */

const enc = encodeURIComponent;
const MAX_SEARCH_DAYS = 366;
const RETREF_MEMO_MS = 60_000;

export interface TxnDeps {
  client: CardPointeClient;
  merchid: string;
  /** Test hook: the clock used for answers without a date. */
  now?: () => Date;
}

/** "IK" + 32 hex digits of the key: stable per intent, never Luhn-valid digits (orderids that look like PANs get masked). */
export function orderIdFor(idempotencyKey: string): string {
  const hex = idempotencyKey.replace(/-/g, "").toLowerCase();
  const body = /^[0-9a-f]{32}$/.test(hex)
    ? hex
    : createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  return `IK${body}`;
}

function expiryOf(v: string): string {
  const m = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(v.trim());
  if (!m) throw new InvalidRequest("expiration", [{ field: "expiration", message: "Use MM/YY for the expiration" }]);
  return `${m[1]!.padStart(2, "0")}${m[2]!.slice(-2)}`;
}

function demographics(a: AddressInput | undefined): Record<string, string> {
  if (!a) return {};
  const name = [a.firstName, a.lastName].filter(Boolean).join(" ").trim();
  const out: Record<string, string | null | undefined> = {
    name: name || undefined,
    company: a.company,
    address: a.line1,
    address2: a.line2,
    city: a.city,
    region: a.state,
    postal: a.postalCode,
    country: a.country,
    phone: a.phone,
    email: a.email,
  };
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => Boolean(e[1])));
}

export function validateCreate(input: CreateTransactionInput): void {
  if (!input.idempotencyKey?.trim()) {
    throw new InvalidRequest("idempotency key required", [
      { field: "idempotencyKey", message: "Idempotency key is required" },
    ]);
  }
  const amount = input.amount ?? input.baseAmount;
  if (amount === undefined && input.type !== "verification") {
    throw new InvalidRequest("amount required", [{ field: "amount", message: "Amount is required" }]);
  }
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount < 0)) {
    throw new InvalidRequest("amount must be a non-negative integer of cents", [
      { field: "amount", message: "Amount must be a whole number of cents" },
    ]);
  }
  if (input.currency && input.currency.toUpperCase() !== "USD") {
    throw new InvalidRequest("currency", [{ field: "currency", message: "CardPointe merchants charge in USD" }]);
  }
}

/** The request body of `auth`, without the payment source (added by the caller). */
export function toAuthBody(input: CreateTransactionInput, merchid: string, orderid: string): Record<string, unknown> {
  const cents = input.type === "verification" ? 0 : (input.amount ?? input.baseAmount ?? 0);
  const body: Record<string, unknown> = {
    merchid,
    // A credit is a forced credit (negative amount); the MID must be enabled for it, else PPS 45.
    amount: toWireAmount(input.type === "credit" ? -cents : cents),
    currency: "USD",
    orderid,
    capture: input.type === "sale" ? "Y" : "N",
    ecomind: input.billingMethod === "recurring" ? "R" : "E",
    userfields: { idempotencykey: input.idempotencyKey },
    ...demographics(input.billingAddress),
  };
  if (input.taxAmount !== undefined) body.taxamnt = toWireAmount(input.taxAmount);
  if (input.taxExempt) body.taxexempt = "Y";
  if (input.shippingAmount !== undefined) body.frtamnt = toWireAmount(input.shippingAmount);
  if (input.poNumber) body.ponumber = input.poNumber;
  if (input.shippingAddress?.postalCode) body.shiptozip = input.shippingAddress.postalCode;
  if (input.saveToVault) body.profile = "Y";
  if (input.initiatedBy) body.cof = input.initiatedBy === "merchant" ? "M" : "C";
  if (input.billingMethod && input.billingMethod !== "straight") body.cofscheduled = "Y";
  return body;
}

export function transactionsApi(deps: TxnDeps, resolveDefaultAccount: (profileId: string) => Promise<string>) {
  const { client, merchid } = deps;
  const now = deps.now ?? (() => new Date());
  const retrefMemo = new Map<string, { at: number; retrefs: string[] }>();

  async function inquireByOrderid(orderid: string): Promise<WireTxn[]> {
    const res = await client.get({ path: `/inquireByOrderid/${enc(orderid)}/${enc(merchid)}/1` }, txnOrListSchema);
    const list = Array.isArray(res) ? res : [res];
    return list.filter((w) => !(w.respproc === "PPS" && w.respcode === "29" && !w.retref));
  }

  /** The records of one order with each original's refunded amount summed from its refunds. */
  function withRefunds(list: WireTxn[]): Transaction[] {
    const refunded = new Map<string, number>();
    for (const w of list) {
      if (w.parentretref && w.respstat === "A" && (w.setlstat ?? "").toLowerCase() !== "voided") {
        refunded.set(w.parentretref, (refunded.get(w.parentretref) ?? 0) + toCents(w.amount));
      }
    }
    return list.map((w) =>
      toTransaction(w, w.retref && refunded.has(w.retref) ? { refundedAmount: refunded.get(w.retref) } : {}),
    );
  }

  async function inquire(retref: string): Promise<WireTxn> {
    const w = await client.get({ path: `/inquire/${enc(retref)}/${enc(merchid)}` }, txnSchema);
    if (w.respstat !== "A" && w.respproc === "PPS" && w.respcode === "29") {
      throw new NotFound(`transaction ${retref} not found`);
    }
    return w;
  }

  /**
   * Transaction ids are retrefs (12 digits). A terminal run waiting at the device is known by its orderid until the
   * gateway has the record, so an orderid is accepted too and resolved to its (latest, non-refund) retref.
   */
  async function resolveId(id: string): Promise<string> {
    if (/^\d{12}$/.test(id)) return id;
    const found = (await inquireByOrderid(id)).filter((w) => !w.parentretref && w.retref);
    const last = found.at(-1);
    if (!last?.retref) throw new NotFound(`transaction ${id} not found`);
    return last.retref;
  }

  async function get(idOrOrder: string): Promise<Transaction> {
    const id = await resolveId(idOrOrder);
    const w = await inquire(id);
    const orderid = w.orderid ?? w.orderId;
    // A settled sale may have partial refunds: they share its orderid, so one lookup sums them.
    if (orderid && (w.setlstat ?? "").toLowerCase() === "accepted" && !w.parentretref && w.refundable === "Y") {
      const family = await inquireByOrderid(orderid).catch(() => [w]);
      return withRefunds(family.some((x) => x.retref === id) ? family : [w, ...family]).find((t) => t.id === id)!;
    }
    return toTransaction(w);
  }

  /** A record of this order made for this intent (the key travels in userfields). */
  async function findByIntent(orderid: string, key: string, derived: boolean): Promise<WireTxn | null> {
    const list = await inquireByOrderid(orderid);
    const mine = list.filter(
      (w) =>
        !w.parentretref &&
        (toTransaction(w).idempotencyKey === key || (derived && toTransaction(w).idempotencyKey === null)),
    );
    return mine.at(-1) ?? null;
  }

  function outcome(w: WireTxn, input: CreateTransactionInput): Transaction {
    const ctx = {
      type: input.type,
      idempotencyKey: input.idempotencyKey,
      now: now(),
      source: input.source.kind === "terminal" ? "terminal" : undefined,
      requestedAmount: input.type === "verification" ? 0 : (input.amount ?? input.baseAmount ?? 0),
    };
    if (w.respstat !== "A") throw toGatewayError(w, "auth", ctx);
    return toTransaction(w, ctx);
  }

  async function sourceFields(input: CreateTransactionInput): Promise<Record<string, unknown>> {
    const src = input.source;
    switch (src.kind) {
      case "token":
        return { account: src.token };
      case "card":
        return { account: src.number, expiry: expiryOf(src.expiration), ...(src.cvc ? { cvv2: src.cvc } : {}) };
      case "ach":
        return {
          account: src.accountNumber,
          bankaba: src.routingNumber,
          accttype: src.accountType === "savings" ? "ESAV" : "ECHK",
          // ACH ecomind: E = WEB, T = TEL, B = PPD/CCD.
          ecomind: src.secCode === "web" ? "E" : src.secCode === "tel" ? "T" : "B",
        };
      case "customer": {
        const acct = src.paymentMethodId ?? (await resolveDefaultAccount(src.customerId));
        return { profile: profileField(src.customerId, acct) };
      }
      case "terminal":
        throw new InvalidRequest("terminal charges go through terminals.run", [
          { field: "source", message: "Use the terminal screen for card-present charges" },
        ]);
    }
  }

  const api: TransactionsApi & {
    inquireByOrderid(orderid: string): Promise<Transaction[]>;
  } = {
    async create(input) {
      validateCreate(input);
      const derived = !input.orderId;
      const orderid = input.orderId ?? orderIdFor(input.idempotencyKey);
      if (derived) {
        // A repeat of a completed intent (double click, retry after the answer was lost) returns the first result.
        const earlier = await findByIntent(orderid, input.idempotencyKey, true);
        if (earlier) return outcome(earlier, input);
      }
      const body = { ...toAuthBody(input, merchid, orderid), ...(await sourceFields(input)) };
      let lastUnknown: Unavailable | null = null;
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const w = await client.write({ path: "/auth", body }, txnSchema);
          return outcome(w, input);
        } catch (err) {
          if (!(err instanceof Unavailable) || !err.maybeProcessed) throw err;
          lastUnknown = err;
        }
        // The auth may or may not have happened: ask before sending it again.
        let found: WireTxn | null;
        try {
          found = await findByIntent(orderid, input.idempotencyKey, derived);
        } catch {
          throw lastUnknown;
        }
        if (found) return outcome(found, input);
      }
      throw lastUnknown!;
    },

    get,

    async search(query: TransactionQuery = {}): Promise<Page<Transaction>> {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), 100);
      const offset = Math.max(0, Math.trunc(query.offset ?? 0));
      let all: Transaction[] | null = null;
      let retrefs: string[] = [];
      if (query.id) {
        all = [await get(query.id).catch((e) => (e instanceof NotFound ? null : Promise.reject(e)))].filter(
          (t): t is Transaction => t !== null,
        );
      } else if (query.orderId) {
        all = withRefunds(await inquireByOrderid(query.orderId));
      } else {
        const to = new Date(query.createdTo ?? query.settledTo ?? now().toISOString());
        const fromRaw = query.createdFrom ?? query.settledFrom;
        const from = fromRaw ? new Date(fromRaw) : new Date(to.getTime() - 7 * 86_400_000);
        if (to.getTime() - from.getTime() > MAX_SEARCH_DAYS * 86_400_000) {
          throw new InvalidRequest("CardPointe settlement search covers at most one year", [
            { field: "createdFrom", message: "Search at most one year at a time" },
          ]);
        }
        // Paging walks the same days again for every page: remember the day walk briefly (per adapter instance).
        const memoKey = `${from.toISOString().slice(0, 10)}|${to.toISOString().slice(0, 10)}`;
        const memo = retrefMemo.get(memoKey);
        if (memo && memo.at > now().getTime() - RETREF_MEMO_MS) retrefs = memo.retrefs;
        else {
          retrefs = await settledRetrefs(client, merchid, from, to);
          retrefMemo.set(memoKey, { at: now().getTime(), retrefs });
        }
      }
      const filtered = Boolean(
        query.status || query.type || query.customerId || query.amount || query.paymentMethod || query.poNumber,
      );
      if (!all && !filtered) {
        // Cheap path: inquire only the requested page.
        const slice = retrefs.slice(offset, offset + limit);
        const items = withRefunds(await Promise.all(slice.map((r) => inquire(r))));
        return { items, totalCount: retrefs.length, limit, offset };
      }
      all ??= withRefunds(await Promise.all(retrefs.map((r) => inquire(r))));
      const matching = all.filter((t) => matches(t, query));
      return { items: matching.slice(offset, offset + limit), totalCount: matching.length, limit, offset };
    },

    async capture(idOrOrder, input = {}) {
      const id = await resolveId(idOrOrder);
      const body: Record<string, unknown> = { merchid, retref: id };
      if (input.amount !== undefined) body.amount = toWireAmount(input.amount);
      if (input.taxAmount !== undefined) body.taxamnt = toWireAmount(input.taxAmount);
      if (input.shippingAmount !== undefined) body.frtamnt = toWireAmount(input.shippingAmount);
      // Capturing twice is harmless at CardPointe (a queued capture answers itself), but a timeout is still
      // never blindly retried: the re-read below tells the truth.
      const w = await client.write({ path: "/capture", body }, txnSchema);
      if (w.respstat !== "A") throw toGatewayError(w, "capture");
      return get(id);
    },

    async void(idOrOrder) {
      const id = await resolveId(idOrOrder);
      const w = await client.write({ path: "/void", body: { merchid, retref: id } }, txnSchema);
      if (w.respstat !== "A") throw toGatewayError(w, "void");
      return get(id);
    },

    async refund(idOrOrder, input = {}) {
      const id = await resolveId(idOrOrder);
      const body: Record<string, unknown> = { merchid, retref: id };
      if (input.amount !== undefined) body.amount = toWireAmount(input.amount);
      const w = await client.write({ path: "/refund", body }, txnSchema);
      if (w.respstat !== "A") throw toGatewayError(w, "refund", { type: "refund", now: now() });
      const refund = w.retref ? toTransaction(await inquire(w.retref), { type: "refund" }) : null;
      const original = await get(id);
      return { original, refund };
    },

    async inquireByOrderid(orderid: string) {
      return withRefunds(await inquireByOrderid(orderid));
    },
  };
  return api;
}

function matches(t: Transaction, q: TransactionQuery): boolean {
  if (q.status && t.status !== q.status) return false;
  if (q.type && t.type !== q.type) return false;
  if (q.customerId && t.customerId !== q.customerId) return false;
  if (q.poNumber && t.poNumber !== q.poNumber) return false;
  if (q.paymentMethod === "card" && t.paymentMethod.kind !== "card") return false;
  if (q.paymentMethod === "ach" && t.paymentMethod.kind !== "ach") return false;
  if (q.paymentMethod === "terminal" && t.paymentMethod.kind !== "terminal") return false;
  if (q.paymentMethod === "customer" && !t.customerId) return false;
  if (q.amount) {
    const v = q.amount.value;
    const ok =
      q.amount.op === "="
        ? t.amount === v
        : q.amount.op === "!="
          ? t.amount !== v
          : q.amount.op === "<"
            ? t.amount < v
            : t.amount > v;
    if (!ok) return false;
  }
  return true;
}
