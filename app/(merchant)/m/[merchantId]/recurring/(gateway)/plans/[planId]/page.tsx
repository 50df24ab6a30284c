import Link from "next/link";
import { notFound } from "next/navigation";
import { attachedItem, catalogItem } from "@/components/recurring/catalog";
import { DeletePlanButton, PlanForm } from "@/components/recurring/plan-form";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { NotFound } from "@/lib/gateway/errors";
import { recurringGateway } from "@/lib/services/recurring/shared";

export default async function EditPlanPage(props: MerchantPageProps<{ planId: string }>) {
  const {
    ctx,
    params: { planId },
  } = await merchantPage(props, "recurring:edit");
  const gateway = await recurringGateway(ctx.merchant.id);
  const [plan, addOns, discounts] = await Promise.all([
    gateway.recurring.plans.get(decodeURIComponent(planId)).catch((err: unknown) => {
      if (err instanceof NotFound) notFound();
      throw err;
    }),
    gateway.recurring.addOns.list(),
    gateway.recurring.discounts.list(),
  ]);
  return (
    <div className="space-y-4">
      <Link href={`/m/${ctx.merchant.id}/recurring/plans`} className="text-sm text-brand-700 hover:underline">
        ← All plans
      </Link>
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-slate-900">Edit plan</h2>
        <DeletePlanButton merchantId={ctx.merchant.id} id={plan.id} name={plan.name} />
      </div>
      <PlanForm
        merchantId={ctx.merchant.id}
        addOnCatalog={addOns.map(catalogItem)}
        discountCatalog={discounts.map(catalogItem)}
        initial={{
          ...plan,
          addOns: plan.addOns.map((a) => attachedItem(a, addOns)),
          discounts: plan.discounts.map((d) => attachedItem(d, discounts)),
        }}
      />
    </div>
  );
}
