import Link from "next/link";
import { customerTitle, storedMethodLabel } from "@/components/customers/format";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { FilterControl, filterInputClass, SearchForm } from "@/components/ui/search-form";
import { DateTime } from "@/components/ui/date-time";
import { type Column, Table } from "@/components/ui/table";
import {
  CUSTOMER_METHOD_FILTERS,
  type CustomerListRow,
  type CustomerMethodFilter,
  listCustomers,
} from "@/db/queries/customers";
import { firstValue, merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";

const METHOD_FILTER_LABELS: Record<CustomerMethodFilter, string> = {
  any: "Any payment method",
  card: "Has a card",
  ach: "Has a bank account",
  none: "No payment method",
};

function one(v: string | string[] | undefined): string {
  return firstValue(v)?.trim() ?? "";
}

export default async function CustomersPage(props: MerchantPageProps) {
  const { ctx, query: sp } = await merchantPage(props);
  const q = one(sp.q).slice(0, 100);
  const methodRaw = one(sp.method) as CustomerMethodFilter;
  const method = CUSTOMER_METHOD_FILTERS.includes(methodRaw) ? methodRaw : "any";
  const page = Math.max(1, Number.parseInt(one(sp.page), 10) || 1);
  const result = await listCustomers({ merchantId: ctx.merchant.id, q, method, page, pageSize: 25 });
  const base = `/m/${ctx.merchant.id}/customers`;
  const canEdit = merchantRoleCan(ctx.role, "customers:edit");
  const filtered = Boolean(q) || method !== "any";
  const href = (p: number) => {
    const s = new URLSearchParams();
    if (q) s.set("q", q);
    if (method !== "any") s.set("method", method);
    if (p > 1) s.set("page", String(p));
    const qs = s.toString();
    return qs ? `${base}?${qs}` : base;
  };

  const columns: Column<CustomerListRow>[] = [
    {
      key: "customer",
      header: "Customer",
      cell: (c) => (
        <>
          <Link href={`${base}/${encodeURIComponent(c.id)}`} className="font-medium text-brand-700 hover:underline">
            {customerTitle(c)}
          </Link>
          <div className="text-xs text-slate-500">{c.email ?? c.description}</div>
        </>
      ),
    },
    {
      key: "company",
      header: "Company",
      className: "text-slate-700",
      cell: (c) => c.company ?? <span className="text-slate-500">—</span>,
    },
    {
      key: "method",
      header: "Default payment method",
      className: "whitespace-nowrap",
      cell: (c) =>
        c.defaultMethodKind ? (
          <>
            {storedMethodLabel({
              kind: c.defaultMethodKind,
              cardBrand: c.defaultCardBrand,
              lastFour: c.defaultLastFour,
            })}
            {c.paymentMethodCount > 1 ? (
              <span className="ml-1 text-xs text-slate-500">+{c.paymentMethodCount - 1} more</span>
            ) : null}
          </>
        ) : (
          <span className="text-slate-500">None</span>
        ),
    },
    {
      key: "added",
      header: "Added",
      className: "whitespace-nowrap text-slate-600",
      cell: (c) => <DateTime value={c.createdAt} />,
    },
  ];

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Customers"
        description="The customer vault: saved customers, their addresses and tokenized payment methods."
        actions={canEdit ? <LinkButton href={`${base}/new`}>New customer</LinkButton> : null}
      />
      {one(sp.deleted) ? (
        <div className="mb-4">
          <Alert tone="success">The customer was deleted.</Alert>
        </div>
      ) : null}
      <SearchForm
        action={base}
        q={q}
        placeholder="Name, email, company or last four digits"
        clearHref={filtered ? base : undefined}
      >
        <FilterControl id="method" label="Payment method">
          <select id="method" name="method" defaultValue={method} className={filterInputClass}>
            {CUSTOMER_METHOD_FILTERS.map((m) => (
              <option key={m} value={m}>
                {METHOD_FILTER_LABELS[m]}
              </option>
            ))}
          </select>
        </FilterControl>
      </SearchForm>

      <Table
        caption="Customers, newest first"
        rows={result.items}
        rowKey={(c) => c.id}
        columns={columns}
        pagination={{ page: result.page, pageSize: result.pageSize, total: result.total, href }}
        empty={
          filtered ? (
            <EmptyState title="No customers match">
              Try another name, email or the last four digits of a card.
            </EmptyState>
          ) : (
            <EmptyState
              title="No customers yet"
              action={canEdit ? <LinkButton href={`${base}/new`}>Add your first customer</LinkButton> : null}
            >
              Save customers to charge them again from the virtual terminal, invoices and subscriptions without asking
              for their card.
            </EmptyState>
          )
        }
      />
    </div>
  );
}
