import { NotBuilt } from "@/components/shell/not-built";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function DashboardPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireMerchantPage(merchantId, "merchant:view");
  return (
    <NotBuilt
      title="Dashboard"
      what="Volume, approval rate, refunds and recurring revenue will appear here once the sync and rollups exist."
    />
  );
}
