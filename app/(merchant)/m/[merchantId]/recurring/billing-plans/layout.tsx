import { Alert } from "@/components/ui/alert";
import { merchantPage, type MerchantLayoutProps } from "@/lib/auth/page";
import { billingAvailability } from "@/lib/services/billing-plans";

/** CoPilot billing plans exist for CardPointe merchants only; others get the reason instead of the screens. */
export default async function BillingPlansLayout({ children, params }: MerchantLayoutProps) {
  const { ctx } = await merchantPage({ params });
  const a = billingAvailability(ctx.merchant);
  if (!a.ok) {
    return (
      <div className="max-w-3xl">
        <Alert
          tone="info"
          title={
            a.reason === "not_cardpointe" ? "Billing plans are a CardPointe feature" : "Billing plans are not set up"
          }
        >
          {a.message}
        </Alert>
      </div>
    );
  }
  return <>{children}</>;
}
