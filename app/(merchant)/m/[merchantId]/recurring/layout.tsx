import { RecurringTabs } from "@/components/recurring/recurring-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { merchantPage, type MerchantLayoutProps } from "@/lib/auth/page";

/**
 * The recurring section: FluidPay-family recurring (plans, subscriptions, add-ons, discounts) lives in the
 * (gateway) group, CoPilot billing plans (CardPointe merchants) under billing-plans; each group's layout says
 * plainly when the merchant's gateway does not offer its screens.
 */
export default async function RecurringLayout({ children, params }: MerchantLayoutProps) {
  const { ctx } = await merchantPage({ params });
  return (
    <div className="max-w-6xl">
      <PageHeader
        title="Recurring billing"
        description={
          ctx.merchant.gateway === "cardpointe"
            ? "CoPilot billing plans charge your customers' stored cards on a schedule."
            : "Plans, subscriptions and the add-ons and discounts that adjust each charge."
        }
      />
      <RecurringTabs base={`/m/${ctx.merchant.id}/recurring`} />
      {children}
    </div>
  );
}
