import { NotBuilt } from "@/components/shell/not-built";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function RecurringPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireMerchantPage(merchantId, "merchant:view");
  return <NotBuilt title="Recurring" what="Plans, subscriptions, add-ons and discounts." />;
}
