import Link from "next/link";
import { InvoiceEditor } from "@/components/invoices/invoice-editor";
import { billableCustomers } from "@/components/invoices/billable";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { lastPayableTo } from "@/db/queries/invoices";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { invoicingAvailability } from "@/lib/services/invoices/availability";
import { defaultDueDate, emptyLine, type InvoiceDraft } from "@/lib/validations/invoices";

export const metadata = { title: "New invoice" };

function clean(a: Record<string, string | null> | null): Record<string, string> {
  return Object.fromEntries(
    Object.entries(a ?? {}).filter((e): e is [string, string] => typeof e[1] === "string" && !!e[1]),
  );
}

export default async function NewInvoicePage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "invoices:edit");
  const id = ctx.merchant.id;
  const availability = await invoicingAvailability(id);
  const back = (
    <Link href={`/m/${id}/invoices`} className="text-brand-700 hover:underline">
      ← Invoices
    </Link>
  );
  if (!availability.ok) {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title="New invoice" back={back} />
        <Alert tone="warning" title="Invoicing is not available for this merchant">
          {availability.message}
        </Alert>
      </div>
    );
  }
  const due = defaultDueDate();
  const initial: InvoiceDraft = {
    number: "",
    customerId: "",
    dueDate: due,
    items: [emptyLine()],
    taxMode: "percent",
    taxPercent: "",
    taxAmount: "",
    shipping: "",
    adjustment: "",
    paymentMethods: availability.store.payMethods,
    allowPartialPayment: false,
    transactionType: "sale",
    message: "",
    sendVia: "email",
    billTo: { country: "US" },
    payableTo: {
      company: ctx.merchant.name,
      country: "US",
      ...clean(await lastPayableTo({ merchantId: id })),
    },
  };
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader title="New invoice" description="Totals update as you type." back={back} />
      <InvoiceEditor
        merchantId={id}
        initial={initial}
        customers={await billableCustomers(id)}
        onlineMethods={availability.store.payMethods}
      />
    </div>
  );
}
