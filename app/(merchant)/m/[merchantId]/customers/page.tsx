import { NotBuilt } from "@/components/shell/not-built";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function CustomersPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireMerchantPage(merchantId, "merchant:view");
  return <NotBuilt title="Customers" what="The customer vault: customers, addresses and tokenized payment methods." />;
}
