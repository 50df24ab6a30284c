import { NotBuilt } from "@/components/shell/not-built";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function FileBatchesPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireMerchantPage(merchantId, "merchant:view");
  return <NotBuilt title="File batches" what="Upload a CSV of transactions and download the results." />;
}
