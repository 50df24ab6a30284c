import Link from "next/link";
import { formatDueDate, invoiceTitle } from "@/components/invoices/format";
import { InvoiceStateBadge } from "@/components/invoices/status-badge";
import { Alert } from "@/components/ui/alert";
import { buttonClass, LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkNav } from "@/components/ui/link-nav";
import { PageHeader } from "@/components/ui/page-header";
import { FilterControl, filterInputClass, SearchForm } from "@/components/ui/search-form";
import { Money } from "@/components/ui/money";
import { type Column, Table } from "@/components/ui/table";
import { type InvoiceListRow, invoiceTabCounts, listInvoices } from "@/db/queries/invoices";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { invoicingAvailability } from "@/lib/services/invoices/availability";
import { isOverdue } from "@/lib/services/invoices/rules";
import {
  INVOICE_TAB_LABELS,
  INVOICE_TABS,
  invoiceFiltersQuery,
  invoiceFiltersSchema,
  type InvoiceSort,
} from "@/lib/validations/invoices";
import { cn } from "@/components/ui/cn";

export const metadata = { title: "Invoices" };

export default async function InvoicesPage(props: MerchantPageProps) {
  const { ctx, query: raw } = await merchantPage(props);
  const f = invoiceFiltersSchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const id = ctx.merchant.id;
  const [availability, result, counts] = await Promise.all([
    invoicingAvailability(id),
    listInvoices({
      merchantId: id,
      tab: f.tab,
      q: f.q,
      dueFrom: f.dueFrom,
      dueTo: f.dueTo,
      page: f.page,
      sort: f.sort,
      dir: f.dir,
    }),
    invoiceTabCounts({ merchantId: id }),
  ]);
  const base = `/m/${id}/invoices`;
  const canEdit = merchantRoleCan(ctx.role, "invoices:edit") && availability.ok;
  const canExport = merchantRoleCan(ctx.role, "reports:export");
  const filtered = Boolean(f.q || f.dueFrom || f.dueTo);
  const now = new Date();
  const columns: Column<InvoiceListRow>[] = [
    {
      key: "number",
      header: "Invoice",
      cell: (inv) => (
        <Link href={`${base}/${encodeURIComponent(inv.id)}`} className="font-medium text-brand-700 hover:underline">
          {invoiceTitle(inv)}
        </Link>
      ),
    },
    {
      key: "customer",
      header: "Customer",
      cell: (inv) => (
        <>
          <div className="text-slate-900">{inv.customerName ?? "—"}</div>
          <div className="text-xs text-slate-500">{inv.customerEmail}</div>
        </>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (inv) => <InvoiceStateBadge state={inv.state} overdue={isOverdue(inv, now)} />,
    },
    {
      key: "due",
      header: "Due",
      sortable: true,
      className: (inv) => cn("whitespace-nowrap", isOverdue(inv, now) ? "text-red-700" : "text-slate-700"),
      cell: (inv) => formatDueDate(inv.dueAt),
    },
    {
      key: "total",
      header: "Total",
      align: "right",
      sortable: true,
      cell: (inv) => <Money cents={inv.total} currency={inv.currency} />,
    },
    {
      key: "amountDue",
      header: "Amount due",
      align: "right",
      sortable: true,
      className: "font-medium",
      cell: (inv) => (inv.state === "void" ? "—" : <Money cents={inv.amountDue} currency={inv.currency} />),
    },
  ];

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Invoices"
        description="Bill customers with a secure pay link; follow what is open, paid and overdue."
        actions={
          <>
            {merchantRoleCan(ctx.role, "audit:view") ? (
              <LinkButton variant="secondary" href={`/m/${id}/settings/messages`}>
                Sent messages
              </LinkButton>
            ) : null}
            {merchantRoleCan(ctx.role, "settings:manage") && availability.ok ? (
              <LinkButton variant="secondary" href={`${base}/settings`}>
                Settings
              </LinkButton>
            ) : null}
            {canExport ? (
              <a
                className={buttonClass("secondary")}
                href={`/api/m/${id}/invoices.csv${invoiceFiltersQuery({ ...f, page: 1 })}`}
              >
                Export CSV
              </a>
            ) : null}
            {canEdit ? <LinkButton href={`${base}/new`}>New invoice</LinkButton> : null}
          </>
        }
      />
      {!availability.ok ? (
        <div className="mb-4">
          <Alert tone="warning" title="Invoicing is not available for this merchant">
            {availability.message}
          </Alert>
        </div>
      ) : null}
      {raw.deleted ? (
        <div className="mb-4">
          <Alert tone="success">The draft was deleted.</Alert>
        </div>
      ) : null}

      <LinkNav
        variant="tabs"
        label="Invoice status"
        className="mb-4"
        items={INVOICE_TABS.map((t) => ({
          key: t,
          href: `${base}${invoiceFiltersQuery({ ...f, tab: t, page: 1 })}`,
          current: f.tab === t,
          label: (
            <>
              {INVOICE_TAB_LABELS[t]}
              <span
                className={cn(
                  "rounded-full px-1.5 text-xs tabular-nums",
                  t === "overdue" && counts.overdue > 0 ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-600",
                )}
              >
                {counts[t]}
              </span>
            </>
          ),
        }))}
      />

      <SearchForm
        action={base}
        q={f.q}
        placeholder="Number, customer, email or amount"
        hidden={{ tab: f.tab !== "all" ? f.tab : undefined }}
        clearHref={filtered ? `${base}${invoiceFiltersQuery({ tab: f.tab })}` : undefined}
      >
        <FilterControl id="dueFrom" label="Due from">
          <input id="dueFrom" name="dueFrom" type="date" defaultValue={f.dueFrom} className={filterInputClass} />
        </FilterControl>
        <FilterControl id="dueTo" label="Due to">
          <input id="dueTo" name="dueTo" type="date" defaultValue={f.dueTo} className={filterInputClass} />
        </FilterControl>
      </SearchForm>

      <Table
        caption="Invoices"
        rows={result.items}
        rowKey={(inv) => inv.id}
        columns={columns}
        sort={{
          key: f.sort,
          dir: f.dir,
          href: (sort, dir) => `${base}${invoiceFiltersQuery({ ...f, sort: sort as InvoiceSort, dir, page: 1 })}`,
        }}
        pagination={{
          page: result.page,
          pageSize: result.pageSize,
          total: result.total,
          href: (p) => `${base}${invoiceFiltersQuery({ ...f, page: p })}`,
        }}
        empty={
          filtered || f.tab !== "all" ? (
            <EmptyState title="No invoices match">Try another tab, search or due-date range.</EmptyState>
          ) : (
            <EmptyState
              title="No invoices yet"
              action={canEdit ? <LinkButton href={`${base}/new`}>Create your first invoice</LinkButton> : null}
            >
              Send an invoice by email or text; your customer pays it by card or bank account from a secure link.
            </EmptyState>
          )
        }
      />
    </div>
  );
}
