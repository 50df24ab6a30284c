import Link from "next/link";
import { catalogItem } from "@/components/recurring/catalog";
import { PlanForm } from "@/components/recurring/plan-form";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { recurringGateway } from "@/lib/services/recurring/shared";

export default async function NewPlanPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "recurring:edit");
  const gateway = await recurringGateway(ctx.merchant.id);
  const [addOns, discounts] = await Promise.all([gateway.recurring.addOns.list(), gateway.recurring.discounts.list()]);
  return (
    <div className="space-y-4">
      <Link href={`/m/${ctx.merchant.id}/recurring/plans`} className="text-sm text-brand-700 hover:underline">
        ← All plans
      </Link>
      <h2 className="text-lg font-semibold text-slate-900">New plan</h2>
      <PlanForm
        merchantId={ctx.merchant.id}
        addOnCatalog={addOns.map(catalogItem)}
        discountCatalog={discounts.map(catalogItem)}
      />
    </div>
  );
}
