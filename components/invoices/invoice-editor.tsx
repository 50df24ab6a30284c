"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { createInvoiceAction, updateInvoiceAction } from "@/lib/actions/invoices";
import type { ActionResult } from "@/lib/action-result";
import { type AddressDraft, draftTotals, type InvoiceDraft } from "@/lib/validations/invoices";
import { type BillableCustomer, BillToSection, PayableToSection } from "./editor/addresses";
import { ChargesSection } from "./editor/charges";
import { ItemsSection } from "./editor/items";
import { SummaryPanel } from "./editor/summary";
import { TermsSection } from "./editor/terms";

export type { BillableCustomer } from "./editor/addresses";

type Result = ActionResult<{ invoiceId: string; url: string | null }> | null;

/**
 * The invoice form: it owns the draft and the action; each section (bill to, items, charges, terms, payable to,
 * summary) is its own part under ./editor. The hidden fields — intent id, merchant, invoice id, the draft as JSON —
 * stay here, inside the one <form>.
 */
export function InvoiceEditor({
  merchantId,
  invoiceId,
  initial,
  customers,
  amountPaid = 0,
  onlineMethods = ["card", "ach"],
}: {
  merchantId: string;
  /** What the customer can pay with on the pay page for this merchant (ACH may be unavailable). */
  onlineMethods?: ("card" | "ach")[];
  /** Set when editing an existing invoice. */
  invoiceId?: string;
  initial: InvoiceDraft;
  customers: BillableCustomer[];
  amountPaid?: number;
}) {
  const router = useRouter();
  const [d, setD] = useState<InvoiceDraft>(initial);
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());

  const [state, formAction, pending] = useActionState<Result, FormData>(
    (invoiceId ? updateInvoiceAction : createInvoiceAction) as (p: Result, f: FormData) => Promise<Result>,
    null,
  );
  const totals = useMemo(() => draftTotals(d, amountPaid), [d, amountPaid]);

  useEffect(() => {
    if (state?.ok) router.push(`/m/${merchantId}/invoices/${encodeURIComponent(state.data.invoiceId)}?saved=1`);
  }, [state, router, merchantId]);

  const errors = (path: string): string[] | undefined =>
    state && !state.ok ? (state.fieldErrors?.[`invoice.${path}`] ?? state.fieldErrors?.[path]) : undefined;
  const set = <K extends keyof InvoiceDraft>(k: K, v: InvoiceDraft[K]) => setD((p) => ({ ...p, [k]: v }));
  const setAddress = (who: "billTo" | "payableTo", k: keyof AddressDraft, v: string) =>
    setD((p) => ({ ...p, [who]: { ...p[who], [k]: v } }));
  const pickCustomer = (id: string) => {
    const c = customers.find((x) => x.id === id);
    setD((p) => ({ ...p, customerId: id, billTo: c ? { ...c.address } : p.billTo }));
  };
  const formError = state && !state.ok ? state.error : null;

  return (
    <form action={formAction} className="grid gap-6 lg:grid-cols-[1fr_20rem]" noValidate>
      {invoiceId ? null : <input type="hidden" name="intentId" value={intentId} />}
      <input type="hidden" name="merchantId" value={merchantId} />
      {invoiceId ? <input type="hidden" name="invoiceId" value={invoiceId} /> : null}
      <input type="hidden" name="invoice" value={JSON.stringify(d)} />

      <div className="space-y-6">
        {formError ? <Alert tone="error">{formError}</Alert> : null}

        <BillToSection
          d={d}
          errors={errors}
          customers={customers}
          pickCustomer={pickCustomer}
          setAddress={setAddress}
        />
        <ItemsSection d={d} set={set} errors={errors} totals={totals} />
        <ChargesSection d={d} set={set} errors={errors} />
        <TermsSection d={d} set={set} errors={errors} onlineMethods={onlineMethods} />
        <PayableToSection d={d} errors={errors} setAddress={setAddress} />
      </div>

      <SummaryPanel d={d} set={set} totals={totals} invoiceId={invoiceId} pending={pending} />
    </form>
  );
}
