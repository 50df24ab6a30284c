import { AdjustmentsIndexPage } from "@/components/recurring/adjustment-pages";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function DiscountsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  return <AdjustmentsIndexPage ctx={ctx} kind="discount" />;
}
