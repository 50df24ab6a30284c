import type { FieldErrors } from "@/lib/action-result";
import { AddressFields } from "@/components/customers/address-fields";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formatMoney } from "@/lib/money";
import type { ChargePreview } from "@/lib/services/transactions/charge";
import { VT_TYPE_LABELS, type VtType } from "@/lib/validations/virtual-terminal";

/** Order details and addresses of the virtual terminal form (uncontrolled inputs, named for the action). */
export function DetailsCard({ fieldErrors, billingOpen }: { fieldErrors: FieldErrors; billingOpen: boolean }) {
  return (
    <Card title="Details">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field
          name="orderId"
          label="Order id"
          maxLength={17}
          errors={fieldErrors.orderId}
          hint="Letters and digits, up to 15."
        />
        <Field name="poNumber" label="PO number" maxLength={17} errors={fieldErrors.poNumber} />
        <Field
          name="description"
          label="Description"
          maxLength={255}
          errors={fieldErrors.description}
          className="sm:col-span-2"
        />
      </div>
      <details className="group mt-5 rounded-md ring-1 ring-inset ring-slate-200" open={billingOpen}>
        <summary className="cursor-pointer select-none px-4 py-2.5 text-sm font-medium text-slate-800">
          Billing address <span className="font-normal text-slate-500">(used for the address check)</span>
        </summary>
        <div className="border-t border-slate-100 p-4">
          <AddressFields prefix="billing." errors={fieldErrors} />
        </div>
      </details>
      <details className="mt-3 rounded-md ring-1 ring-inset ring-slate-200">
        <summary className="cursor-pointer select-none px-4 py-2.5 text-sm font-medium text-slate-800">
          Shipping address
        </summary>
        <div className="border-t border-slate-100 p-4">
          <AddressFields prefix="shipping." errors={fieldErrors} contact={false} />
        </div>
      </details>
    </Card>
  );
}

/** The amounts the gateway will charge (its fee preview), the disclosure it requires, and the submit button. */
export function SummaryCard({
  lines,
  preview,
  total,
  cardPending,
  previewError,
  submitting,
  chargeLabel,
}: {
  lines: { label: string; amount: number }[];
  preview: ChargePreview | null;
  total: number;
  cardPending: boolean;
  previewError: string | null;
  submitting: boolean;
  chargeLabel: string;
}) {
  return (
    <Card title="Summary">
      <dl className="space-y-2 text-sm">
        {lines.map((l) => (
          <div key={l.label} className="flex justify-between">
            <dt className="text-slate-600">{l.label}</dt>
            <dd className="tabular-nums">{formatMoney(l.amount)}</dd>
          </div>
        ))}
        {preview && preview.surcharge > 0 ? (
          <div className="flex justify-between">
            <dt className="text-slate-600">Surcharge</dt>
            <dd className="tabular-nums">{formatMoney(preview.surcharge)}</dd>
          </div>
        ) : null}
        {preview && preview.serviceFee > 0 ? (
          <div className="flex justify-between">
            <dt className="text-slate-600">Service fee</dt>
            <dd className="tabular-nums">{formatMoney(preview.serviceFee)}</dd>
          </div>
        ) : null}
        <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-semibold">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="vt-total">
            {formatMoney(total)}
          </dd>
        </div>
      </dl>
      {preview?.disclosure ? (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900" role="note">
          {preview.disclosure}
        </p>
      ) : null}
      {cardPending ? (
        <p className="mt-3 text-xs text-slate-500">Any surcharge is shown once the card number is entered.</p>
      ) : null}
      {previewError ? <p className="mt-3 text-xs text-amber-800">Fee preview unavailable: {previewError}</p> : null}
      <Button type="submit" size="lg" className="mt-4 w-full" disabled={submitting}>
        {submitting ? "Processing…" : chargeLabel}
      </Button>
      <p className="mt-2 text-center text-xs text-slate-500">Submitting twice never charges twice.</p>
    </Card>
  );
}

/** Sale, authorize, verification or credit, as a segmented control of radio buttons. */
export function TypeCard({
  options,
  value,
  onChange,
  errors,
}: {
  options: VtType[];
  value: VtType;
  onChange: (t: VtType) => void;
  errors?: string[];
}) {
  return (
    <Card title="Transaction">
      <fieldset>
        <legend className="sr-only">Transaction type</legend>
        <div className="flex flex-wrap gap-2">
          {options.map((t) => (
            <label
              key={t}
              className="cursor-pointer rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 has-[:checked]:bg-brand-600 has-[:checked]:text-white has-[:checked]:ring-brand-600"
            >
              <input
                type="radio"
                name="type"
                value={t}
                checked={value === t}
                onChange={() => onChange(t)}
                className="sr-only"
              />
              {VT_TYPE_LABELS[t]}
            </label>
          ))}
        </div>
        {errors?.length ? <p className="mt-1 text-xs text-red-700">{errors[0]}</p> : null}
      </fieldset>
    </Card>
  );
}
