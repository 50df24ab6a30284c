import { AdjustmentsIndexPage } from "@/components/recurring/adjustment-pages";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

export default async function AddOnsPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props);
  return <AdjustmentsIndexPage ctx={ctx} kind="addOn" />;
}
