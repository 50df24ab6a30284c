import { redirect } from "next/navigation";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

export default async function RecurringPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props);
  redirect(
    `/m/${ctx.merchant.id}/recurring/${ctx.merchant.gateway === "cardpointe" ? "billing-plans" : "subscriptions"}`,
  );
}
