import { NewAdjustmentPage } from "@/components/recurring/adjustment-pages";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

export default async function NewDiscountsPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "recurring:edit");
  return <NewAdjustmentPage ctx={ctx} kind="discount" />;
}
