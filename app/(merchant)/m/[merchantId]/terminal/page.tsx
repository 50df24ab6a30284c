import { NotBuilt } from "@/components/shell/not-built";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function TerminalPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireMerchantPage(merchantId, "transactions:charge");
  return (
    <NotBuilt
      title="Virtual terminal"
      what="Sale, authorization, verification and credit through the tokenizer iframe."
    />
  );
}
