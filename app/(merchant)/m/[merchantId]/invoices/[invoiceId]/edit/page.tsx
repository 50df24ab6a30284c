import Link from "next/link";
import { notFound } from "next/navigation";
import { billableCustomers } from "@/components/invoices/billable";
import { InvoiceEditor } from "@/components/invoices/invoice-editor";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getInvoiceRow } from "@/db/queries/invoices";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { invoicingAvailability } from "@/lib/services/invoices/availability";
import { editable } from "@/lib/services/invoices/rules";
import { draftFromForm, draftFromInvoice, invoiceFormSchema } from "@/lib/validations/invoices";

export const metadata = { title: "Edit invoice" };

export default async function EditInvoicePage(props: MerchantPageProps<{ invoiceId: string }>) {
  const {
    ctx,
    params: { invoiceId },
  } = await merchantPage(props, "invoices:edit");
  const id = ctx.merchant.id;
  const row = await getInvoiceRow({ merchantId: id, invoiceId: decodeURIComponent(invoiceId) });
  if (!row) notFound();
  const detail = `/m/${id}/invoices/${encodeURIComponent(row.id)}`;
  const back = (
    <Link href={detail} className="text-brand-700 hover:underline">
      ← Invoice {row.number ? `#${row.number}` : ""}
    </Link>
  );
  const rule = editable(row);
  if (!rule.ok) {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title="Edit invoice" back={back} />
        <Alert tone="warning">{rule.reason}</Alert>
      </div>
    );
  }
  const availability = await invoicingAvailability(id);
  const saved = row.form ? invoiceFormSchema.safeParse(row.form) : null;
  const initial = saved?.success ? draftFromForm(saved.data) : draftFromInvoice(row.document);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title={`Edit invoice ${row.number ? `#${row.number}` : ""}`}
        description={
          row.amountPaid > 0
            ? "Already paid amounts stay; the new total can't be below them."
            : "Totals update as you type."
        }
        back={back}
      />
      <InvoiceEditor
        merchantId={id}
        invoiceId={row.id}
        initial={initial}
        customers={await billableCustomers(id)}
        amountPaid={row.amountPaid}
        onlineMethods={availability.ok ? availability.store.payMethods : undefined}
      />
    </div>
  );
}
