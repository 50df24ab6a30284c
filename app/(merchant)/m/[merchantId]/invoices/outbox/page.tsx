import { redirect } from "next/navigation";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

/**
 * The old "Outbox" (it showed every message body to anyone who could view the merchant, sign-in links included —
 * issue 15). Its successor, "Sent messages", is for admins and shows no bodies; old bookmarks land there.
 */
export default async function OutboxPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "audit:view");
  redirect(`/m/${ctx.merchant.id}/settings/messages`);
}
