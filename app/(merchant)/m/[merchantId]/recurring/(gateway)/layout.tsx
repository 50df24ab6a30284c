import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { merchantPage, type MerchantLayoutProps } from "@/lib/auth/page";
import { gatewayAvailability } from "@/lib/services/customers/availability";

/** Plans, subscriptions, add-ons and discounts: the FluidPay-family gateway's recurring billing. */
export default async function GatewayRecurringLayout({ children, params }: MerchantLayoutProps) {
  const { ctx } = await merchantPage({ params });
  if (ctx.merchant.gateway === "cardpointe") {
    return (
      <div className="max-w-3xl">
        <Alert tone="info" title="Recurring billing runs on CoPilot billing plans for this merchant">
          CardPointe merchants bill their customers on a schedule through CoPilot billing plans rather than gateway
          plans and subscriptions.{" "}
          <Link href={`/m/${ctx.merchant.id}/recurring/billing-plans`} className="font-medium underline">
            Open billing plans
          </Link>
        </Alert>
      </div>
    );
  }
  const availability = await gatewayAvailability(ctx.merchant.id, ["recurring", "vault"]);
  if (!availability.ok) {
    return (
      <div className="max-w-3xl">
        <Alert tone="warning" title="Recurring billing is not available for this merchant yet">
          {availability.message}
        </Alert>
      </div>
    );
  }
  return <>{children}</>;
}
