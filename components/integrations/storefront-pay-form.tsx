"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { ActionForm } from "@/components/ui/action-form";
import { Field, SelectField } from "@/components/ui/field";
import { payStorefrontOrderAction } from "@/lib/actions/elastic-path";

/** Pay an Elastic Path order with one of this customer's stored cards (seed 004: account_id|profile_id). */
export function StorefrontPayForm({
  merchantId,
  customerId,
  stores,
  methods,
}: {
  merchantId: string;
  customerId: string;
  stores: { id: string; name: string }[];
  methods: { id: string; label: string; reference: string }[];
}) {
  return (
    <ActionForm
      action={payStorefrontOrderAction}
      label="Pay a storefront order"
      hidden={{ merchantId, customerId }}
      submit="Pay order"
      pendingLabel="Paying…"
      success={(data) => (
        <Alert tone="success" title="Order paid">
          Order {data.orderId}:{" "}
          {data.transactionIds.map((id) => (
            <Link key={id} className="underline" href={`/m/${merchantId}/transactions/${encodeURIComponent(id)}`}>
              transaction {id}
            </Link>
          ))}
        </Alert>
      )}
    >
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField name="storeId" id="sf-storeId" label="Store" errors={errors?.storeId}>
            {stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField name="paymentMethodId" id="sf-paymentMethodId" label="Card" errors={errors?.paymentMethodId}>
            {methods.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label} ({m.reference})
              </option>
            ))}
          </SelectField>
          <Field
            name="orderId"
            id="sf-orderId"
            label="Order id"
            required
            placeholder="Elastic Path order UUID"
            errors={errors?.orderId}
          />
          <Field
            name="amount"
            id="sf-amount"
            label="Amount (optional)"
            inputMode="decimal"
            placeholder="Order balance"
            errors={errors?.amount}
          />
          <SelectField name="method" id="sf-method" label="Method" errors={errors?.method}>
            <option value="purchase">Purchase (capture now)</option>
            <option value="authorize">Authorize (capture later)</option>
          </SelectField>
        </div>
      )}
    </ActionForm>
  );
}
