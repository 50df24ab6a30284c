import { RecurringTabs } from "@/components/recurring/recurring-tabs";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireMerchantPage } from "@/lib/auth/page";
import { gatewayAvailability } from "@/lib/services/customers/availability";

export default async function RecurringLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ merchantId: string }>;
}) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const header = (
    <PageHeader
      title="Recurring billing"
      description="Plans, subscriptions and the add-ons and discounts that adjust each charge."
    />
  );
  if (ctx.merchant.gateway === "cardpointe") {
    return (
      <div className="max-w-3xl">
        {header}
        <Alert tone="info" title="Recurring billing runs on CoPilot billing plans for this merchant">
          CardPointe merchants bill their customers on a schedule through CoPilot billing plans, which are not available
          in the portal yet. Plans and subscriptions created there keep running; you will be able to see and manage them
          here once the CoPilot connection lands.
        </Alert>
      </div>
    );
  }
  const availability = await gatewayAvailability(merchantId, ["recurring", "vault"]);
  if (!availability.ok) {
    return (
      <div className="max-w-3xl">
        {header}
        <Alert tone="warning" title="Recurring billing is not available for this merchant yet">
          {availability.message}
        </Alert>
      </div>
    );
  }
  return (
    <div className="max-w-6xl">
      {header}
      <RecurringTabs base={`/m/${ctx.merchant.id}/recurring`} />
      {children}
    </div>
  );
}
