import { NewAdjustmentPage } from "@/components/recurring/adjustment-pages";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function NewDiscountsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "recurring:edit");
  return <NewAdjustmentPage ctx={ctx} kind="discount" />;
}
