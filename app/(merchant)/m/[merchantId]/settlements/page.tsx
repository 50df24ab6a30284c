import { NotBuilt } from "@/components/shell/not-built";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function SettlementsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireMerchantPage(merchantId, "merchant:view");
  return <NotBuilt title="Settlements" what="Settlement batches and their transactions." />;
}
