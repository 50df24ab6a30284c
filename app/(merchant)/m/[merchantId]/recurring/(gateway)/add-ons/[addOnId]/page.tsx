import { EditAdjustmentPage } from "@/components/recurring/adjustment-pages";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function EditAddOnsPage({ params }: { params: Promise<{ merchantId: string; addOnId: string }> }) {
  const { merchantId, addOnId } = await params;
  const ctx = await requireMerchantPage(merchantId, "recurring:edit");
  return <EditAdjustmentPage ctx={ctx} kind="addOn" id={decodeURIComponent(addOnId)} />;
}
