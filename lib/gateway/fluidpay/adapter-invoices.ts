import { InvalidRequest } from "../errors";
import type { Invoice, InvoiceItem, InvoicesApi, Transaction, TransactionsApi } from "../types";
import type { FluidPayClient } from "./client";
import { validateCreate } from "./adapter-transactions";
import { emptyEnvelope, invoiceEnvelope, invoiceListEnvelope } from "./schemas";
import { pageLimit, toInvoice, toInvoiceBody, toInvoiceSearchBody } from "./transform";
import type { WireInvoiceBody, WireInvoiceItemBody } from "./types";

const enc = encodeURIComponent;

/** Seed 003 L90: order_id / po_number take "up to 15 alphanumeric characters". */
const ORDER_ID = /^[A-Za-z0-9]{1,15}$/;

/**
 * The order id of an invoice's transactions: its invoice number (seed 003, Invoices tip: "the transaction order ID
 * field will be this invoice number in place of the invoice ID"), else its id — whichever fits the order_id rule.
 */
export function invoiceOrderId(invoice: Pick<Invoice, "id" | "invoiceNumber">): string {
  const number = invoice.invoiceNumber?.replace(/[^A-Za-z0-9]/g, "") ?? "";
  if (ORDER_ID.test(number)) return number;
  if (ORDER_ID.test(invoice.id)) return invoice.id;
  throw new InvalidRequest(`invoice ${invoice.id} has no order id of at most 15 letters and digits`, [
    { field: "number", message: "Invoice number: up to 15 letters and digits." },
  ]);
}

function itemBody(i: InvoiceItem, status: "pending" | "paid"): WireInvoiceItemBody {
  return {
    status,
    name: i.name,
    description: i.description ?? "",
    unit_price: i.unitPrice,
    quantity: i.quantity,
    taxable: i.taxable,
    tax_amount: i.taxAmount,
    discount_amount: i.discountAmount,
    product_code: i.productCode ?? "",
  };
}

/** Transactions that count towards an invoice: approved charges not voided or reversed. */
function counts(t: Transaction): boolean {
  return (
    t.approved &&
    (t.type === "sale" || t.type === "authorize") &&
    !["voided", "reversed", "declined", "unknown"].includes(t.status)
  );
}

export function invoicesApi(client: FluidPayClient, transactions: TransactionsApi): InvoicesApi {
  const get: InvoicesApi["get"] = async (id) =>
    toInvoice((await client.json({ method: "GET", path: `/invoice/${enc(id)}` }, invoiceEnvelope)).data);

  const update = async (id: string, body: WireInvoiceBody) =>
    toInvoice((await client.json({ method: "POST", path: `/invoice/${enc(id)}`, body }, invoiceEnvelope)).data);

  /**
   * amount_paid = the sum of the invoice's counted transactions, found by its order id (documented search filter,
   * seed 003 L1032). A sum, not an increment: a retried payment (same idempotency key, same transaction) or two
   * payments recorded in either order leave the same figure.
   */
  async function invoiceTransactions(reference: string): Promise<Transaction[]> {
    const all: Transaction[] = [];
    for (let offset = 0; offset < 1000; offset += 100) {
      const page = await transactions.search({ orderId: reference, limit: 100, offset });
      all.push(...page.items);
      if (page.items.length < 100) break;
    }
    return all;
  }

  async function recordPayments(invoice: Invoice, reference: string): Promise<Invoice> {
    let paid = 0;
    for (const t of await invoiceTransactions(reference)) if (counts(t)) paid += t.authorizedAmount || t.amount;
    const amountPaid = Math.min(paid, invoice.total);
    const full = amountPaid >= invoice.total;
    return update(invoice.id, {
      amount_paid: amountPaid,
      ...(full ? { items: invoice.items.map((i) => itemBody(i, "paid")) } : {}),
    });
  }

  /**
   * Records a charge this request just made. Two payers at once can both charge before either records (the API has
   * no atomic "pay this invoice"). Every payer orders the invoice's counted charges the same way (oldest first, then
   * by id) and keeps those that fit in the total: a charge past it voids itself and its payer is told the invoice is
   * paid, so one charge stands whatever the interleaving. The other payer may also have recorded this charge first
   * (its recovery step), after which a paid invoice takes no more updates: then the invoice is answered as it is.
   */
  async function recordCharged(invoice: Invoice, reference: string, mine: Transaction): Promise<Invoice> {
    const charged = (await invoiceTransactions(reference))
      .filter(counts)
      .sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || a.id.localeCompare(b.id));
    let kept = 0;
    for (const t of charged) {
      const amount = t.authorizedAmount || t.amount;
      if (kept + amount > invoice.total && t.id === mine.id) {
        await transactions.void(mine.id);
        throw new InvalidRequest("invoice already paid", [
          { field: "amount", message: "This invoice is already paid." },
        ]);
      }
      if (kept + amount <= invoice.total) kept += amount;
    }
    try {
      return await recordPayments(invoice, reference);
    } catch (err) {
      if (!(err instanceof InvalidRequest)) throw err;
      const now = await get(invoice.id);
      if (now.status === "paid" || now.status === "authorized") return now;
      throw err;
    }
  }

  return {
    async create(input) {
      const body = toInvoiceBody(input, "create");
      return toInvoice((await client.json({ method: "POST", path: "/invoice", body }, invoiceEnvelope)).data);
    },

    get,

    async update(id, input) {
      return update(id, toInvoiceBody(input, "update"));
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
      // Only documented calls (docs/decisions.md, "Paying a FluidPay invoice"): read the invoice, charge a
      // transaction that carries the invoice in order_id / po_number as seed 003's Invoices tip describes, then
      // record the payment with the documented invoice update (amount_paid, items' status "paid").
      const fetched = await get(id);
      const reference = invoiceOrderId(fetched);
      const charged = await invoiceTransactions(reference);
      // A retry of an intent that already charged (same key) answers with that charge and records it if needed.
      const prior = charged.find((t) => t.approved && t.idempotencyKey === input.idempotencyKey);
      if (prior) {
        const recorded = fetched.amountDue === 0 ? fetched : await recordPayments(fetched, reference);
        return { invoice: recorded, transaction: { ...prior, invoiceId: id } };
      }
      // The gateway's transactions are the truth: a payment whose invoice update was lost (a fault after the charge)
      // is recorded now, before anything is charged, so the payer is never charged for what is already paid.
      let paidAtGateway = 0;
      for (const t of charged) if (counts(t)) paidAtGateway += t.authorizedAmount || t.amount;
      const invoice =
        Math.min(paidAtGateway, fetched.total) > fetched.amountPaid
          ? await recordPayments(fetched, reference)
          : fetched;
      if (invoice.status === "paid" || invoice.status === "authorized") {
        throw new InvalidRequest("invoice already paid", [
          { field: "amount", message: "This invoice is already paid." },
        ]);
      }
      const due = invoice.amountDue;
      const amount = input.amount ?? due;
      if (due <= 0 || amount <= 0 || amount > due || (!invoice.allowPartialPayment && amount !== due)) {
        throw new InvalidRequest(`invalid amount ${amount} for an invoice with ${due} due`, [
          {
            field: "amount",
            message: invoice.allowPartialPayment ? "Pay at most the amount due." : "Pay the amount due.",
          },
        ]);
      }
      const transaction = await transactions.create({
        type: invoice.transactionType,
        amount,
        currency: invoice.currency,
        source: input.source,
        idempotencyKey: input.idempotencyKey,
        orderId: reference,
        poNumber: reference,
      });
      return {
        invoice: await recordCharged(invoice, reference, transaction),
        transaction: { ...transaction, invoiceId: id },
      };
    },

    async markPaid(id) {
      // The documented update with every item's status "paid" (seed 003, Update Invoice, items[#].status).
      const invoice = await get(id);
      return update(invoice.id, { items: invoice.items.map((i) => itemBody(i, "paid")) });
    },
  };
}
