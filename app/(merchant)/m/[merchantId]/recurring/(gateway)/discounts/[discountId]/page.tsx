import { EditAdjustmentPage } from "@/components/recurring/adjustment-pages";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

export default async function EditDiscountsPage(props: MerchantPageProps<{ discountId: string }>) {
  const {
    ctx,
    params: { discountId },
  } = await merchantPage(props, "recurring:edit");
  return <EditAdjustmentPage ctx={ctx} kind="discount" id={decodeURIComponent(discountId)} />;
}
