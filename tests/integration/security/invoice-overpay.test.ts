import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getInvoiceRow } from "@/db/queries/invoices";
import { createInvoiceAction } from "@/lib/actions/invoices";
import { runAsSession } from "@/lib/auth/session";
import type { GatewayAdapter, Invoice } from "@/lib/gateway/types";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { gatewayStore } from "@/lib/services/invoices/store-gateway";
import type { InvoiceDraft } from "@/lib/validations/invoices";
import { makeWorld, tokenize } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";
import { invoiceDraft, invoiceLine } from "@/tests/fixtures/invoices";

/**
 * Finding 6 of the security review: on gateway-kept invoices the portal relied on the gateway to refuse paying more
 * than the balance. The gateway's invoice payment is not a documented call (issue 22 moves it onto documented ones,
 * where nothing at the gateway would refuse it), so the portal checks locally too. Shown with a gateway that charges
 * whatever it is asked — the real sandbox's transaction call, the invoice's amount due following what it charged —
 * and 50 customers' attempts in parallel, each for the whole balance.
 */

const w = openForFile(makeWorld);

function draft(): InvoiceDraft {
  return invoiceDraft({
    items: [invoiceLine({ name: "Consulting", quantity: "1", unitPrice: "250.00", taxable: false })],
    billTo: {
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.test",
      line1: "1 Analytical Way",
      city: "London",
      state: "CA",
      postalCode: "94107",
      country: "US",
    },
    payableTo: { company: "Acme Coffee", line1: "2 Bean St", city: "Portland", state: "OR", postalCode: "97201" },
  });
}

/** A gateway that charges every payment it is sent and never refuses one for exceeding the balance. */
function permissive(real: GatewayAdapter): { gateway: GatewayAdapter; charged: () => number } {
  let paid = 0;
  const view = (inv: Invoice): Invoice => ({
    ...inv,
    amountPaid: paid,
    amountDue: Math.max(0, inv.total - paid),
    status: paid >= inv.total ? "paid" : inv.status,
  });
  const gateway: GatewayAdapter = {
    ...real,
    invoices: {
      ...real.invoices,
      get: async (id) => view(await real.invoices.get(id)),
      pay: async (id, input) => {
        const t = await real.transactions.create({
          type: "sale",
          amount: input.amount ?? (await gateway.invoices.get(id)).amountDue,
          source: input.source,
          idempotencyKey: input.idempotencyKey,
        });
        paid += t.amount;
        return { invoice: view(await real.invoices.get(id)), transaction: { ...t, invoiceId: id } };
      },
    },
  };
  return { gateway, charged: () => paid };
}

describe("gateway-kept invoice over-payment", () => {
  it("50 parallel payments of the whole balance: exactly the balance is charged, never more", async () => {
    const created = await runAsSession(w.t.adminA.claims, () =>
      createInvoiceAction({ merchantId: w.t.merchantA, invoice: JSON.stringify(draft()) }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    const row = await getInvoiceRow({ merchantId: w.t.merchantA, invoiceId: created.data.invoiceId });
    if (!row) throw new Error("invoice not cached");
    expect(row.total).toBe(25_000);
    const { gateway, charged } = permissive(await gatewayForMerchant(w.t.merchantA));
    const store = gatewayStore(w.t.merchantA, gateway);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => tokenize(w)));
    const results = await Promise.all(
      tokens.map((paymentToken) =>
        store
          .pay(row, { attemptId: randomUUID(), paymentToken, method: "card", amount: 25_000 }, { ip: "203.0.113.5" })
          .then(
            (r) => r.outcome,
            (e: Error & { code?: string }) => e.code ?? e.message,
          ),
      ),
    );
    expect(results.filter((r) => r === "approved")).toHaveLength(1);
    expect(results.filter((r) => r !== "approved" && r !== "conflict" && r !== "invalid")).toEqual([]);
    expect(charged()).toBe(25_000);
  }, 120_000);
});
