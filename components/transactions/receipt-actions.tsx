"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { emailReceiptAction } from "@/lib/actions/transactions";

type Result = ActionResult<{ message: string }>;

/** Email the receipt (real mail queue) or open the print view. Each send is one intent: a double click sends once. */
export function ReceiptActions({
  merchantId,
  transactionId,
  printHref,
}: {
  merchantId: string;
  transactionId: string;
  printHref: string;
}) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [state, formAction, pending] = useActionState<Result | null, FormData>(async (_prev, fd) => {
    const r = (await emailReceiptAction(fd)) as Result;
    if (r.ok) setIntentId(crypto.randomUUID());
    return r;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="Email the receipt" noValidate>
        <input type="hidden" name="merchantId" value={merchantId} />
        <input type="hidden" name="transactionId" value={transactionId} />
        <input type="hidden" name="intentId" value={intentId} />
        <Field
          name="to"
          id="receipt-to"
          type="email"
          label="Customer's email"
          autoComplete="off"
          errors={errors?.to}
          className="min-w-64 flex-1"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Sending…" : "Email receipt"}
        </button>
        <Link
          href={printHref}
          target="_blank"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Print receipt
        </Link>
      </form>
      {state?.ok && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {state.data.message}
        </p>
      )}
      {state && !state.ok && !errors?.to && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
    </div>
  );
}
