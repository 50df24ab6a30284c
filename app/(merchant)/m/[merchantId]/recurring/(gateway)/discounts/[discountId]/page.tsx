import { EditAdjustmentPage } from "@/components/recurring/adjustment-pages";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function EditDiscountsPage({
  params,
}: {
  params: Promise<{ merchantId: string; discountId: string }>;
}) {
  const { merchantId, discountId } = await params;
  const ctx = await requireMerchantPage(merchantId, "recurring:edit");
  return <EditAdjustmentPage ctx={ctx} kind="discount" id={decodeURIComponent(discountId)} />;
}
