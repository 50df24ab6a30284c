import { NotBuilt } from "@/components/shell/not-built";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function FundingPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireMerchantPage(merchantId, "merchant:view");
  return <NotBuilt title="Funding" what="Deposits with fees and adjustments, linked to batches." />;
}
