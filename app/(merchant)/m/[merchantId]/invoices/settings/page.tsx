import Link from "next/link";
import { InvoiceSettingsForm } from "@/components/invoices/settings-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getInvoiceSettings } from "@/db/queries/invoices";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { thousandthsToPercentString } from "@/lib/money";
import { invoicingAvailability } from "@/lib/services/invoices/availability";

export const metadata = { title: "Invoice settings" };

export default async function InvoiceSettingsPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "settings:manage");
  const id = ctx.merchant.id;
  const [availability, settings] = await Promise.all([
    invoicingAvailability(id),
    getInvoiceSettings({ merchantId: id }),
  ]);
  const back = (
    <Link href={`/m/${id}/invoices`} className="text-brand-700 hover:underline">
      ← Invoices
    </Link>
  );
  const rate = settings.cardSurchargeRate
    ? thousandthsToPercentString(settings.cardSurchargeRate).replace(/\.?0+$/, "")
    : "";
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Invoice settings"
        description="How customers are charged on the invoice pay page."
        back={back}
      />
      {!availability.ok ? (
        <Alert tone="warning" title="Invoicing is not available for this merchant">
          {availability.message}
        </Alert>
      ) : availability.store.source === "gateway" ? (
        <Card title="Card surcharge">
          <p className="text-sm text-slate-700">
            Invoices of this merchant are kept and charged by its gateway. Card surcharges follow the gateway&apos;s fee
            programme: the pay page discloses them when the customer&apos;s card qualifies, and the gateway&apos;s
            invoice payment charges the invoice amount only.
          </p>
        </Card>
      ) : (
        <Card
          title="Card surcharge"
          description="Added on top of card payments of this merchant's invoices, shown to the customer before paying and printed on the receipt."
        >
          <InvoiceSettingsForm merchantId={id} initialRate={rate} />
        </Card>
      )}
    </div>
  );
}
