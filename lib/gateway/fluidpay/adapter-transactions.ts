import { InvalidRequest, NotFound } from "../errors";
import type { CreateTransactionInput, Page, Transaction, TransactionsApi } from "../types";
import type { FluidPayClient } from "./client";
import {
  getTransactionEnvelope,
  maybeTransactionEnvelope,
  transactionEnvelope,
  transactionListEnvelope,
} from "./schemas";
import {
  isDeclined,
  pageLimit,
  toDeclined,
  toTransaction,
  toTransactionBody,
  toTransactionSearchBody,
} from "./transform";

/** A card-present transaction waits for a person at the device; give it far longer than an API call. */
export const TERMINAL_TIMEOUT_MS = 180_000;

const enc = encodeURIComponent;

export function validateCreate(input: CreateTransactionInput): void {
  if (!input.idempotencyKey || !input.idempotencyKey.trim()) {
    // Every charge carries a key derived from the user's intent: without one a retry could charge twice.
    throw new InvalidRequest("idempotency key required", [
      { field: "idempotencyKey", message: "Idempotency key is required" },
    ]);
  }
  if (input.amount === undefined && input.baseAmount === undefined) {
    throw new InvalidRequest("amount required", [{ field: "amount", message: "Amount is required" }]);
  }
  for (const [field, v] of [
    ["amount", input.amount],
    ["baseAmount", input.baseAmount],
  ] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
      throw new InvalidRequest(`${field} must be a non-negative integer of cents`, [
        { field: "amount", message: "Amount must be a whole number of cents" },
      ]);
    }
  }
}

export function transactionsApi(client: FluidPayClient): TransactionsApi {
  async function get(id: string): Promise<Transaction> {
    const res = await client.json({ method: "GET", path: `/transaction/${enc(id)}` }, getTransactionEnvelope);
    const first = Array.isArray(res.data) ? res.data[0] : res.data;
    if (!first) throw new NotFound(`transaction ${id} not found`);
    return toTransaction(first);
  }

  return {
    async create(input) {
      validateCreate(input);
      const res = await client.json(
        {
          method: "POST",
          path: "/transaction",
          body: toTransactionBody(input),
          idempotencyKey: input.idempotencyKey,
          timeoutMs: input.source.kind === "terminal" ? TERMINAL_TIMEOUT_MS : undefined,
        },
        transactionEnvelope,
      );
      const t = toTransaction(res.data);
      if (isDeclined(t)) throw toDeclined(t);
      return t;
    },

    get,

    async search(query = {}): Promise<Page<Transaction>> {
      const body = toTransactionSearchBody(query);
      const res = await client.json(
        { method: "POST", path: "/transaction/search", body, readOnly: true },
        transactionListEnvelope,
      );
      const items = (res.data ?? []).map(toTransaction);
      return {
        items,
        totalCount: res.total_count ?? items.length,
        limit: pageLimit(query.limit),
        offset: Math.max(0, query.offset ?? 0),
      };
    },

    async capture(id, input = {}) {
      const res = await client.json(
        {
          method: "POST",
          path: `/transaction/${enc(id)}/capture`,
          body: { amount: input.amount, tax_amount: input.taxAmount, shipping_amount: input.shippingAmount },
        },
        maybeTransactionEnvelope,
      );
      // The capture answer is not documented; re-read unless it is the captured transaction itself.
      return res.data && res.data.id === id ? toTransaction(res.data) : get(id);
    },

    async void(id) {
      await client.json({ method: "POST", path: `/transaction/${enc(id)}/void`, body: {} }, maybeTransactionEnvelope);
      // Documented answer is `data: null`; the caller needs the voided state for its cache.
      return get(id);
    },

    async refund(id, input = {}) {
      const res = await client.json(
        { method: "POST", path: `/transaction/${enc(id)}/refund`, body: { amount: input.amount } },
        maybeTransactionEnvelope,
      );
      const answered = res.data ? toTransaction(res.data) : null;
      const refund = answered && answered.id !== id ? answered : null;
      if (refund && isDeclined(refund)) throw toDeclined(refund);
      const original = answered && answered.id === id ? answered : await get(id);
      return { original, refund };
    },
  };
}
