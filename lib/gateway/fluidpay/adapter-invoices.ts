import { InvalidRequest } from "../errors";
import type { InvoicesApi, TransactionsApi } from "../types";
import type { FluidPayClient } from "./client";
import { emptyEnvelope, invoiceEnvelope, invoiceListEnvelope } from "./schemas";
import { pageLimit, toInvoice, toInvoiceBody, toInvoiceSearchBody } from "./transform";

const enc = encodeURIComponent;

/** order_id / po_number accept ≤ 17 alphanumerics; an invoice number that does not fit is left out. */
const REFERENCE = /^[A-Za-z0-9]{1,17}$/;

export function invoicesApi(client: FluidPayClient, transactions: TransactionsApi): InvoicesApi {
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
      return toInvoice((await client.json({ method: "POST", path: `/invoice/${enc(id)}`, body }, invoiceEnvelope)).data);
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
      const before = await get(id);
      if (before.status === "paid" || before.amountDue <= 0) {
        throw new InvalidRequest("invoice is already paid", [{ field: "amount", message: "This invoice is already paid" }]);
      }
      const amount = input.amount ?? before.amountDue;
      if (amount > before.amountDue) {
        throw new InvalidRequest("amount exceeds amount due", [
          { field: "amount", message: "Amount is more than the amount due" },
        ]);
      }
      if (amount < before.amountDue && !before.allowPartialPayment) {
        throw new InvalidRequest("partial payment not allowed", [
          { field: "amount", message: "This invoice must be paid in full" },
        ]);
      }
      const reference = before.invoiceNumber ?? before.id;
      const transaction = await transactions.create({
        type: before.transactionType,
        amount,
        currency: before.currency,
        source: input.source,
        idempotencyKey: input.idempotencyKey,
        orderId: REFERENCE.test(reference) ? reference : undefined,
        description: `Invoice ${reference}`,
        invoiceId: id,
      });
      return { invoice: await get(id), transaction };
    },

    async markPaid(id) {
      await client.json({ method: "POST", path: `/invoice/${enc(id)}/mark-as-paid`, body: {} }, emptyEnvelope);
      return get(id);
    },
  };
}
