"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveInvoiceSettingsAction } from "@/lib/actions/invoices";
import type { ActionResult } from "@/lib/action-result";
import { formatMoney, parsePercent } from "@/lib/money";
import { computeSurchargedPayment, MAX_SURCHARGE_RATE } from "@/lib/totals";

type Result = ActionResult<{ cardSurchargeRate: number }> | null;

/** The card surcharge of invoice payments, with a worked example computed by the one totals module. */
export function InvoiceSettingsForm({ merchantId, initialRate }: { merchantId: string; initialRate: string }) {
  const [state, action, pending] = useActionState<Result, FormData>(
    saveInvoiceSettingsAction as (p: Result, f: FormData) => Promise<Result>,
    null,
  );
  const [value, setValue] = useState(initialRate);
  const parsed = value.trim() ? parsePercent(value) : { ok: true as const, thousandths: 0 };
  const rate = parsed.ok && parsed.thousandths <= MAX_SURCHARGE_RATE ? parsed.thousandths : null;
  const example = rate !== null ? computeSurchargedPayment(10_000, "card", rate) : null;
  const errors = state && !state.ok ? state.fieldErrors?.cardSurcharge : undefined;
  return (
    <form action={action} className="space-y-4" aria-label="Invoice settings">
      <input type="hidden" name="merchantId" value={merchantId} />
      <Field
        name="cardSurcharge"
        label="Card surcharge on invoice payments (%)"
        inputMode="decimal"
        placeholder="0"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        errors={errors}
        hint={`0 or empty: no surcharge. At most ${MAX_SURCHARGE_RATE / 1000}%. Bank (ACH) payments are never surcharged.`}
        className="max-w-xs"
      />
      <p className="text-sm text-slate-600" data-testid="surcharge-example">
        {example
          ? example.surcharge > 0
            ? `A ${formatMoney(10_000)} card payment is charged ${formatMoney(example.total)} (${formatMoney(example.surcharge)} surcharge); the invoice is credited ${formatMoney(example.amount)}.`
            : "Card payments are charged exactly the amount paid toward the invoice."
          : "Enter a percentage such as 3 or 2.5."}
      </p>
      {state?.ok ? <Alert tone="success">Saved. The pay page shows the new surcharge from now on.</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
