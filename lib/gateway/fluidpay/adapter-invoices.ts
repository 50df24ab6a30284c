import { Unavailable } from "../errors";
import type { InvoicesApi } from "../types";
import type { FluidPayClient } from "./client";
import { validateCreate } from "./adapter-transactions";
import { emptyEnvelope, invoiceEnvelope, invoiceListEnvelope, invoicePaymentEnvelope } from "./schemas";
import {
  isDeclined,
  pageLimit,
  toDeclined,
  toInvoice,
  toInvoiceBody,
  toInvoiceSearchBody,
  toTransaction,
  toWirePaymentMethod,
} from "./transform";

const enc = encodeURIComponent;

export function invoicesApi(client: FluidPayClient): InvoicesApi {
  const get: InvoicesApi["get"] = async (id) =>
    toInvoice((await client.json({ method: "GET", path: `/invoice/${enc(id)}` }, invoiceEnvelope)).data);

  return {
    async create(input) {
      const body = toInvoiceBody(input, "create");
      return toInvoice((await client.json({ method: "POST", path: "/invoice", body }, invoiceEnvelope)).data);
    },

    get,

    async update(id, input) {
      const body = toInvoiceBody(input, "update");
      return toInvoice(
        (await client.json({ method: "POST", path: `/invoice/${enc(id)}`, body }, invoiceEnvelope)).data,
      );
    },

    async delete(id) {
      await client.json({ method: "DELETE", path: `/invoice/${enc(id)}` }, emptyEnvelope);
    },

    async search(query = {}) {
      const body = toInvoiceSearchBody(query);
      const res = await client.json(
        { method: "POST", path: "/invoices/search", body, readOnly: true },
        invoiceListEnvelope,
      );
      const items = (res.data ?? []).map(toInvoice);
      return {
        items,
        totalCount: res.total_count ?? items.length,
        limit: pageLimit(query.limit),
        offset: Math.max(0, query.offset ?? 0),
      };
    },

    async pay(id, input) {
      validateCreate({
        type: "sale",
        amount: input.amount ?? 0,
        source: input.source,
        idempotencyKey: input.idempotencyKey,
      });
      // The seed documents no API call that pays an invoice (its hosted page does it). The sandbox exposes
      // POST /invoice/{id}/pay taking a /transaction body; type, order_id and po_number come from the invoice,
      // and the gateway records the payment on the invoice atomically (never beyond the amount due).
      const res = await client.json(
        {
          method: "POST",
          path: `/invoice/${enc(id)}/pay`,
          body: {
            amount: input.amount,
            idempotency_key: input.idempotencyKey,
            payment_method: toWirePaymentMethod(input.source),
          },
          idempotencyKey: input.idempotencyKey,
        },
        invoicePaymentEnvelope,
      );
      const invoice = toInvoice(res.data.invoice);
      if (!res.data.transaction) {
        throw new Unavailable({ reason: "bad_response", message: `invoice ${id} paid without a transaction` });
      }
      const transaction = toTransaction(res.data.transaction);
      if (isDeclined(transaction)) throw toDeclined(transaction);
      return { invoice, transaction };
    },

    async markPaid(id) {
      await client.json({ method: "POST", path: `/invoice/${enc(id)}/mark-as-paid`, body: {} }, emptyEnvelope);
      return get(id);
    },
  };
}
