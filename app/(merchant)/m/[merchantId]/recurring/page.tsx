import { redirect } from "next/navigation";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function RecurringPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  redirect(
    `/m/${ctx.merchant.id}/recurring/${ctx.merchant.gateway === "cardpointe" ? "billing-plans" : "subscriptions"}`,
  );
}
