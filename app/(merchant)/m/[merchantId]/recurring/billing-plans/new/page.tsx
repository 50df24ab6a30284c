import Link from "next/link";
import { BillingPlanForm } from "@/components/billing-plans/plan-form";
import { storedMethodLabel } from "@/components/customers/format";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { getCustomer, listChargeableCustomers } from "@/db/queries/customers";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { today } from "@/lib/dates";

/**
 * New billing plan in two steps: choose a vault customer (from the cache, searchable), then the plan on one of
 * their stored cards or accounts.
 */
export default async function NewBillingPlanPage(props: MerchantPageProps) {
  const { ctx, query: sp } = await merchantPage(props, "recurring:edit");
  const base = `/m/${ctx.merchant.id}/recurring/billing-plans`;
  const customerId = typeof sp.customer === "string" ? sp.customer : "";
  const q = typeof sp.q === "string" ? sp.q.slice(0, 100) : "";
  const back = (
    <Link href={base} className="text-brand-700 hover:underline">
      ← Billing plans
    </Link>
  );

  const customer = customerId ? await getCustomer({ merchantId: ctx.merchant.id, customerId }).catch(() => null) : null;
  if (customer) {
    return (
      <div className="max-w-3xl space-y-4">
        <div className="text-sm">{back}</div>
        <BillingPlanForm
          merchantId={ctx.merchant.id}
          customer={{ id: customer.id, name: customer.name ?? customer.email ?? customer.id, email: customer.email }}
          methods={customer.paymentMethods.map((m) => ({
            id: m.id,
            label: `${storedMethodLabel(m)}${m.kind !== "ach" && m.expiration ? ` (exp ${m.expiration})` : ""}`,
            isDefault: m.isDefault,
          }))}
          changeCustomerHref={`${base}/new`}
          today={today()}
        />
      </div>
    );
  }

  const customers = await listChargeableCustomers({ merchantId: ctx.merchant.id, q, limit: 50 });
  return (
    <div className="max-w-3xl space-y-4">
      <div className="text-sm">{back}</div>
      {customerId ? (
        <Alert tone="warning">That customer is not in this merchant&apos;s vault. Choose one below.</Alert>
      ) : null}
      <Card
        title="Choose a customer"
        description="Billing plans charge a card or bank account stored in the CardPointe vault. Only customers with a stored payment method are listed."
      >
        <form role="search" className="mb-4 flex gap-2" action={`${base}/new`}>
          <label htmlFor="q" className="sr-only">
            Search customers
          </label>
          <input
            id="q"
            name="q"
            defaultValue={q}
            placeholder="Name, email or company"
            className={inputClass}
            type="search"
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        {customers.length === 0 ? (
          <EmptyState
            title={q ? "No customer matches" : "No customer with a stored payment method yet"}
            action={
              <LinkButton variant="secondary" href={`/m/${ctx.merchant.id}/customers/new`}>
                Add a customer to the vault
              </LinkButton>
            }
          >
            {q ? "Try another name or email." : "Store a customer's card in the vault first, then come back here."}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Customers">
            {customers.map((c) => (
              <li key={c.id}>
                <Link
                  href={`${base}/new?customer=${encodeURIComponent(c.id)}`}
                  className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-slate-50"
                >
                  <span>
                    <span className="block font-medium text-slate-900">{c.name ?? c.email ?? c.id}</span>
                    <span className="block text-xs text-slate-500">
                      {[c.email, c.company, `Profile ${c.id}`].filter(Boolean).join(" · ")}
                    </span>
                  </span>
                  <span className="text-sm font-medium text-brand-700">Choose</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
