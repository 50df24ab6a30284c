import Link from "next/link";
import { attachedItem, catalogItem } from "@/components/recurring/catalog";
import { SubscriptionForm, type SubscriberView } from "@/components/recurring/subscription-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { firstValue, merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { NotFound } from "@/lib/gateway/errors";
import type { Customer, StoredAddress } from "@/lib/gateway/types";
import { recurringGateway } from "@/lib/services/recurring/shared";
import { displayName, primaryAddress } from "@/lib/sync/customers";
import { cn } from "@/components/ui/cn";

function addressLabel(a: StoredAddress): string {
  const name = displayName(a);
  return [name, a.line1, a.city, a.postalCode].filter(Boolean).join(", ") || a.id;
}

function customerLabel(c: Customer): string {
  const p = primaryAddress(c);
  const name = displayName(p) ?? c.description ?? c.id;
  return p?.email ? `${name} · ${p.email}` : name;
}

function subscriber(c: Customer): SubscriberView {
  return {
    id: c.id,
    name: customerLabel(c),
    paymentMethods: c.paymentMethods.map((m) => ({
      id: m.id,
      kind: m.kind,
      label:
        m.kind === "card"
          ? `${m.brand === "unknown" ? "Card" : m.brand.toUpperCase()} •••• ${m.lastFour ?? "????"}${m.expiration ? ` (exp ${m.expiration})` : ""}`
          : `ACH ${m.accountType ?? ""} •••• ${m.lastFour ?? "????"}`,
      isDefault: m.id === c.defaults.paymentMethodId || m.isDefault,
    })),
    addresses: c.addresses.map((a) => ({ id: a.id, label: addressLabel(a) })),
    defaultBillingAddressId: c.defaults.billingAddressId,
    defaultShippingAddressId: c.defaults.shippingAddressId,
  };
}

export default async function NewSubscriptionPage(props: MerchantPageProps) {
  const { ctx, query } = await merchantPage(props, "recurring:edit");
  const base = `/m/${ctx.merchant.id}/recurring`;
  const gateway = await recurringGateway(ctx.merchant.id);
  // The vault is read through the adapter: a customer added a moment ago elsewhere is offered at once.
  const [page, plans, addOns, discounts] = await Promise.all([
    gateway.vault.searchCustomers({ limit: 100 }),
    gateway.recurring.plans.list(),
    gateway.recurring.addOns.list(),
    gateway.recurring.discounts.list(),
  ]);
  const customerId = firstValue(query.customer)?.trim();
  const planId = firstValue(query.plan);
  let chosen: Customer | null = null;
  if (customerId) {
    chosen = await gateway.vault.getCustomer(customerId).catch((err: unknown) => {
      if (err instanceof NotFound) return null;
      throw err;
    });
  }
  const options = page.items.filter((c) => c.paymentMethods.length > 0);
  return (
    <div className="space-y-4">
      <Link href={`${base}/subscriptions`} className="text-sm text-brand-700 hover:underline">
        ← All subscriptions
      </Link>
      <h2 className="text-lg font-semibold text-slate-900">New subscription</h2>
      <Card title="1. Choose the customer" description="Customers of the vault with a stored card or bank account.">
        {options.length === 0 ? (
          <EmptyState title="No customer with a stored payment method">
            Add a customer and a card or bank account in the{" "}
            <Link className="text-brand-700 hover:underline" href={`/m/${ctx.merchant.id}/customers`}>
              customer vault
            </Link>{" "}
            first.
          </EmptyState>
        ) : (
          <form method="get" className="flex flex-wrap items-end gap-2">
            {planId ? <input type="hidden" name="plan" value={planId} /> : null}
            <div className="min-w-72 flex-1">
              <label htmlFor="customer" className="block text-sm font-medium text-slate-800">
                Customer
              </label>
              <select id="customer" name="customer" defaultValue={chosen?.id ?? ""} className={cn("mt-1", inputClass)}>
                <option value="" disabled>
                  Choose a customer…
                </option>
                {options.map((c) => (
                  <option key={c.id} value={c.id}>
                    {customerLabel(c)}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary">
              {chosen ? "Change customer" : "Continue"}
            </Button>
          </form>
        )}
        {customerId && !chosen ? (
          <div className="mt-3">
            <Alert tone="error">That customer is not in this merchant&apos;s vault.</Alert>
          </div>
        ) : null}
      </Card>
      {chosen ? (
        chosen.paymentMethods.length === 0 ? (
          <Alert tone="warning" title="This customer has no stored payment method">
            Add a card or bank account to the customer first; subscriptions charge a stored payment method.
          </Alert>
        ) : (
          <>
            <h3 className="pt-2 text-sm font-semibold text-slate-900">2. Terms and first charge</h3>
            <SubscriptionForm
              key={chosen.id}
              merchantId={ctx.merchant.id}
              customer={subscriber(chosen)}
              plans={plans.map((p) => ({
                ...p,
                addOns: p.addOns.map((a) => attachedItem(a, addOns)),
                discounts: p.discounts.map((d) => attachedItem(d, discounts)),
              }))}
              addOnCatalog={addOns.map(catalogItem)}
              discountCatalog={discounts.map(catalogItem)}
              initialPlanId={planId}
              today={new Date().toISOString().slice(0, 10)}
            />
          </>
        )
      ) : null}
    </div>
  );
}
