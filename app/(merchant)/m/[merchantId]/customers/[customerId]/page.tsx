import Link from "next/link";
import { notFound } from "next/navigation";
import { Addresses } from "@/components/customers/addresses";
import { DeleteCustomerButton } from "@/components/customers/delete-customer-button";
import { customerTitle, storedMethodLabel } from "@/components/customers/format";
import { StorefrontPayForm } from "@/components/integrations/storefront-pay-form";
import { listElasticPathStores } from "@/db/queries/elastic-path";
import { PaymentMethods } from "@/components/customers/payment-methods";
import { elasticPathPaymentReference } from "@/lib/gateway/cardpointe/transform";
import { CustomerInvoices, CustomerSubscriptions } from "@/components/customers/related-lists";
import { formatDateTime } from "@/components/transactions/format";
import { TransactionTable } from "@/components/transactions/transaction-table";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getCustomer, listCustomerInvoices, listCustomerSubscriptions } from "@/db/queries/customers";
import { listTransactions } from "@/db/queries/transactions";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { gatewayAvailability } from "@/lib/services/customers/availability";

export default async function CustomerPage(props: MerchantPageProps<{ customerId: string }>) {
  const {
    ctx,
    params: { customerId },
  } = await merchantPage(props);
  const c = await getCustomer({ merchantId: ctx.merchant.id, customerId: decodeURIComponent(customerId) });
  if (!c) notFound();
  const base = `/m/${ctx.merchant.id}`;
  const canEdit = merchantRoleCan(ctx.role, "customers:edit");
  const canCharge = merchantRoleCan(ctx.role, "transactions:charge");
  const scope = { merchantId: ctx.merchant.id, customerId: c.id };
  const storefront = ctx.merchant.gateway === "cardpointe" && canCharge;
  const [txns, invoiceRows, subscriptionRows, gateway, stores] = await Promise.all([
    listTransactions({ ...scope, limit: 10 }),
    listCustomerInvoices(scope),
    listCustomerSubscriptions(scope),
    canEdit ? gatewayAvailability(ctx.merchant.id, ["vault", "tokenizer"]) : null,
    storefront ? listElasticPathStores({ merchantId: ctx.merchant.id }) : Promise.resolve([]),
  ]);
  const tokenizer = gateway?.ok ? gateway.gateway.tokenizerConfig() : null;
  const title = customerTitle(c);

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title={title}
        description={[c.company && c.company !== title ? c.company : null, c.email, c.description]
          .filter(Boolean)
          .join(" · ")}
        back={
          <Link href={`${base}/customers`} className="text-slate-600 hover:underline">
            ← Customers
          </Link>
        }
        actions={
          <>
            {canCharge ? (
              <LinkButton href={`${base}/terminal?customerId=${encodeURIComponent(c.id)}`}>
                Charge this customer
              </LinkButton>
            ) : null}
            {canEdit ? (
              <LinkButton variant="secondary" href={`${base}/customers/${encodeURIComponent(c.id)}/edit`}>
                Edit
              </LinkButton>
            ) : null}
            {canEdit ? <DeleteCustomerButton merchantId={ctx.merchant.id} customerId={c.id} name={title} /> : null}
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <PaymentMethods
            merchantId={ctx.merchant.id}
            customerId={c.id}
            methods={c.paymentMethods}
            tokenizer={tokenizer}
            unavailable={gateway && !gateway.ok ? gateway.message : null}
            canEdit={canEdit}
            storefrontReferences={
              ctx.merchant.gateway === "cardpointe"
                ? Object.fromEntries(c.paymentMethods.map((m) => [m.id, elasticPathPaymentReference(c.id, m.id)]))
                : undefined
            }
          />
          {stores.length && c.paymentMethods.length ? (
            <Card
              id="customer-storefront"
              title="Pay a storefront order"
              description="Charge an Elastic Path order to one of this customer's stored cards (pay by token)."
            >
              <StorefrontPayForm
                merchantId={ctx.merchant.id}
                customerId={c.id}
                stores={stores.map((s) => ({ id: s.id, name: s.name }))}
                methods={c.paymentMethods.map((m) => ({
                  id: m.id,
                  label: storedMethodLabel(m),
                  reference: elasticPathPaymentReference(c.id, m.id),
                }))}
              />
            </Card>
          ) : null}
          <Addresses merchantId={ctx.merchant.id} customerId={c.id} addresses={c.addresses} canEdit={canEdit} />
        </div>
        <div className="space-y-6">
          <Card id="customer-details" title="Details">
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Customer id</dt>
                <dd className="font-mono text-slate-800">{c.id}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Email</dt>
                <dd className="text-slate-800">{c.email ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Phone</dt>
                <dd className="text-slate-800">{c.phone ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Added</dt>
                <dd className="text-slate-800">{formatDateTime(c.createdAt)}</dd>
              </div>
            </dl>
          </Card>
          <Card id="customer-subscriptions" title="Subscriptions">
            <CustomerSubscriptions rows={subscriptionRows} base={base} />
          </Card>
          <Card id="customer-invoices" title="Invoices">
            <CustomerInvoices rows={invoiceRows} base={base} />
          </Card>
        </div>
      </div>
      <div className="mt-6">
        <Card
          id="customer-transactions"
          title="Transactions"
          description="Most recent first, from the transaction history."
          actions={
            txns.items.length ? (
              <Link
                href={`${base}/transactions?customer=${encodeURIComponent(c.id)}`}
                className="text-sm text-brand-700 hover:underline"
              >
                View all
              </Link>
            ) : null
          }
        >
          {txns.items.length ? (
            <TransactionTable rows={txns.items} base={`${base}/transactions`} />
          ) : (
            <p className="text-sm text-slate-600">No transactions for this customer yet.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
