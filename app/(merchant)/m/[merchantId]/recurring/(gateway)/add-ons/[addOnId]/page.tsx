import { EditAdjustmentPage } from "@/components/recurring/adjustment-pages";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

export default async function EditAddOnsPage(props: MerchantPageProps<{ addOnId: string }>) {
  const {
    ctx,
    params: { addOnId },
  } = await merchantPage(props, "recurring:edit");
  return <EditAdjustmentPage ctx={ctx} kind="addOn" id={decodeURIComponent(addOnId)} />;
}
