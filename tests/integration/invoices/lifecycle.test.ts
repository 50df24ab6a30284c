import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/m/[merchantId]/invoices.csv/route";
import { getDb } from "@/db/client";
import { invoiceTabCounts, listInvoices } from "@/db/queries/invoices";
import { auditLog, invoices } from "@/db/schema";
import {
  createInvoiceAction,
  deleteInvoiceAction,
  markInvoicePaidAction,
  sendInvoiceAction,
  updateInvoiceAction,
  voidInvoiceAction,
} from "@/lib/actions/invoices";
import { runAsSession } from "@/lib/auth/session";
import { loadPayPage } from "@/lib/services/invoices/pay-page";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { draftTotals, type InvoiceDraft } from "@/lib/validations/invoices";
import { makeWorld } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";
import { invoiceDraft, invoiceLine } from "@/tests/fixtures/invoices";

const w = openForFile(makeWorld);

const address = { line1: "1 Main St", city: "Austin", state: "TX", postalCode: "78701", country: "US" };

function draft(overrides: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return invoiceDraft({
    dueDate: "2030-06-30",
    items: [
      invoiceLine({ name: "Consulting", quantity: "4", unitPrice: "150.00", taxRate: "7.5" }),
      invoiceLine({ name: "Travel", quantity: "1", unitPrice: "80.00", taxable: false }),
    ],
    taxMode: "items",
    taxPercent: "",
    adjustment: "-10.00",
    sendVia: "none",
    billTo: { ...address, firstName: "Alan", lastName: "Turing", email: "alan@example.test" },
    payableTo: { ...address, company: "VT Test" },
    ...overrides,
  });
}

const as = <T>(fn: () => Promise<T>) => runAsSession(w.t.adminA.claims, fn);
const m = () => w.t.merchantA;

async function create(d: InvoiceDraft): Promise<string> {
  const r = await as(() => createInvoiceAction({ merchantId: m(), invoice: JSON.stringify(d) }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.invoiceId;
}

async function row(invoiceId: string) {
  const [r] = await getDb()
    .select()
    .from(invoices)
    .where(and(eq(invoices.merchantId, m()), eq(invoices.providerId, invoiceId)));
  return r;
}

describe("invoice lifecycle", () => {
  it("item-level tax rates and a negative adjustment reach the same total at the gateway", async () => {
    const d = draft();
    const id = await create(d);
    const expected = draftTotals(d);
    // 4 × 150 = 600 taxed at 7.5% = 45; travel untaxed 80; −10 adjustment.
    expect(expected.total).toBe(60_000 + 4_500 + 8_000 - 1_000);
    const gw = await (await gatewayForMerchant(m())).invoices.get(id);
    expect(gw.total).toBe(expected.total);
    expect((await row(id))?.number).toMatch(/^INV\d+$/);
  });

  it("a field error comes back keyed by its path so the editor shows it beside the input", async () => {
    const bad = draft({ items: [invoiceLine({ name: "", unitPrice: "abc" })] });
    const r = await as(() => createInvoiceAction({ merchantId: m(), invoice: JSON.stringify(bad) }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("invalid");
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["invoice.items.0.name", "invoice.items.0.unitPrice"]),
    );
  });

  it("edits an open invoice; the cache and the gateway follow", async () => {
    const id = await create(draft());
    const edited = draft({ items: [invoiceLine({ name: "Workshop", quantity: "1", unitPrice: "500.00" })] });
    const r = await as(() => updateInvoiceAction({ merchantId: m(), invoiceId: id, invoice: JSON.stringify(edited) }));
    expect(r.ok).toBe(true);
    const total = draftTotals(edited).total;
    expect((await row(id))?.total).toBe(total);
    expect((await (await gatewayForMerchant(m())).invoices.get(id)).total).toBe(total);
  });

  it("deletes a draft but not a sent invoice; voids a sent one and its link stops working", async () => {
    const draftId = await create(draft());
    expect(await as(() => deleteInvoiceAction({ merchantId: m(), invoiceId: draftId }))).toMatchObject({ ok: true });
    expect(await row(draftId)).toBeUndefined();

    const id = await create(draft());
    const sent = await as(() => sendInvoiceAction({ merchantId: m(), invoiceId: id, sendVia: "none" }));
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const token = sent.data.url.split("/pay/")[1] as string;
    expect(await loadPayPage(token)).not.toBeNull();
    expect(await as(() => deleteInvoiceAction({ merchantId: m(), invoiceId: id }))).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await as(() => voidInvoiceAction({ merchantId: m(), invoiceId: id }))).toMatchObject({ ok: true });
    expect((await row(id))?.voidedAt).toBeInstanceOf(Date);
    expect(await loadPayPage(token)).toBeNull();
    expect(await as(() => voidInvoiceAction({ merchantId: m(), invoiceId: id }))).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const audits = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, m()), eq(auditLog.targetId, id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["invoice.create", "invoice.send", "invoice.void"]),
    );
  });

  it("marks an invoice paid by check with a note; a paid invoice can't be edited or paid again", async () => {
    const id = await create(draft());
    await as(() => sendInvoiceAction({ merchantId: m(), invoiceId: id, sendVia: "email" }));
    const r = await as(() =>
      markInvoicePaidAction({ merchantId: m(), invoiceId: id, method: "check", note: "Check #1042" }),
    );
    expect(r).toMatchObject({ ok: true });
    expect(await row(id)).toMatchObject({ status: "paid", paidOutsideMethod: "check", paidOutsideNote: "Check #1042" });
    const again = await as(() =>
      updateInvoiceAction({ merchantId: m(), invoiceId: id, invoice: JSON.stringify(draft()) }),
    );
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    const [audit] = await getDb()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "invoice.mark_paid")));
    expect(audit?.after).toMatchObject({ method: "check", note: "Check #1042" });
  });

  it("lists by tab, searches by number, customer and amount, and exports the filtered set as CSV", async () => {
    const d = draft({ number: "FIND777", billTo: { ...address, firstName: "Barbara", lastName: "Liskov" } });
    const id = await create(d);
    await as(() => sendInvoiceAction({ merchantId: m(), invoiceId: id, sendVia: "none" }));
    const total = draftTotals(d).total;
    const db = getDb();
    for (const q of ["FIND777", "liskov", (total / 100).toFixed(2)]) {
      const r = await listInvoices({ merchantId: m(), q }, db);
      expect(
        r.items.map((i) => i.id),
        q,
      ).toContain(id);
    }
    expect((await listInvoices({ merchantId: m(), tab: "open", q: "FIND777" }, db)).total).toBe(1);
    expect((await listInvoices({ merchantId: m(), tab: "paid", q: "FIND777" }, db)).total).toBe(0);
    expect((await listInvoices({ merchantId: m(), dueFrom: "2030-07-01", q: "FIND777" }, db)).total).toBe(0);
    // Overdue: still open after its due date.
    expect(
      (await listInvoices({ merchantId: m(), tab: "overdue", q: "FIND777", now: new Date("2030-07-02") }, db)).total,
    ).toBe(1);
    const counts = await invoiceTabCounts({ merchantId: m() }, db);
    expect(counts.open).toBeGreaterThanOrEqual(1);
    expect(counts.void).toBeGreaterThanOrEqual(1);

    const res = await runAsSession(w.t.adminA.claims, () =>
      exportCsv(new Request(`http://localhost/api/m/${m()}/invoices.csv?tab=open&q=FIND777`), {
        params: Promise.resolve({ merchantId: m() }),
      }),
    );
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split("\n")[0]).toContain("invoice_id,number,state");
    expect(csv).toContain("FIND777");
    expect(csv).toContain((total / 100).toFixed(2));
    expect(csv.trim().split("\n")).toHaveLength(2);
  });
});
