import { notFound } from "next/navigation";
import Link from "next/link";
import { type MerchantContext, merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { NotFound } from "@/lib/gateway/errors";
import { recurringGateway } from "@/lib/services/recurring/shared";
import { Card } from "@/components/ui/card";
import { AdjustmentForm, type AdjustmentKind, DeleteAdjustmentButton } from "./adjustment-form";
import { AdjustmentsList } from "./adjustments-list";

/**
 * The add-on and discount routes share these pages; each route file is one of them for its kind, e.g.
 * `export default adjustmentRoutes("addOn").Edit`. Viewing the list needs merchant:view, the rest recurring:edit.
 */
export function adjustmentRoutes(kind: AdjustmentKind) {
  const param = kind === "addOn" ? "addOnId" : "discountId";
  return {
    async Index(props: MerchantPageProps) {
      const { ctx } = await merchantPage(props);
      return <AdjustmentsIndexPage ctx={ctx} kind={kind} />;
    },
    async New(props: MerchantPageProps) {
      const { ctx } = await merchantPage(props, "recurring:edit");
      return <NewAdjustmentPage ctx={ctx} kind={kind} />;
    },
    async Edit(props: MerchantPageProps<Record<string, string>>) {
      const { ctx, params } = await merchantPage(props, "recurring:edit");
      return <EditAdjustmentPage ctx={ctx} kind={kind} id={decodeURIComponent(params[param] ?? "")} />;
    },
  };
}

const SLUG: Record<AdjustmentKind, string> = { addOn: "add-ons", discount: "discounts" };
const NOUN: Record<AdjustmentKind, string> = { addOn: "add-on", discount: "discount" };

export async function AdjustmentsIndexPage({ ctx, kind }: { ctx: MerchantContext; kind: AdjustmentKind }) {
  const gateway = await recurringGateway(ctx.merchant.id);
  const items = await (kind === "addOn" ? gateway.recurring.addOns : gateway.recurring.discounts).list();
  return <AdjustmentsList merchantId={ctx.merchant.id} role={ctx.role} kind={kind} items={items} />;
}

export function NewAdjustmentPage({ ctx, kind }: { ctx: MerchantContext; kind: AdjustmentKind }) {
  return (
    <div className="max-w-3xl space-y-4">
      <Back merchantId={ctx.merchant.id} kind={kind} />
      <h2 className="text-lg font-semibold text-slate-900">New {NOUN[kind]}</h2>
      <AdjustmentForm merchantId={ctx.merchant.id} kind={kind} />
    </div>
  );
}

export async function EditAdjustmentPage({
  ctx,
  kind,
  id,
}: {
  ctx: MerchantContext;
  kind: AdjustmentKind;
  id: string;
}) {
  const gateway = await recurringGateway(ctx.merchant.id);
  const api = kind === "addOn" ? gateway.recurring.addOns : gateway.recurring.discounts;
  const item = await api.get(id).catch((err: unknown) => {
    if (err instanceof NotFound) notFound();
    throw err;
  });
  return (
    <div className="max-w-3xl space-y-4">
      <Back merchantId={ctx.merchant.id} kind={kind} />
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-slate-900">Edit {NOUN[kind]}</h2>
        <DeleteAdjustmentButton merchantId={ctx.merchant.id} kind={kind} id={item.id} name={item.name} />
      </div>
      <AdjustmentForm merchantId={ctx.merchant.id} kind={kind} initial={item} />
      <Card>
        <p className="text-xs text-slate-500">
          Changes apply to plans and subscriptions that attach it from now on. Plans and subscriptions that already
          include it keep the copy they were given.
        </p>
      </Card>
    </div>
  );
}

function Back({ merchantId, kind }: { merchantId: string; kind: AdjustmentKind }) {
  return (
    <Link href={`/m/${merchantId}/recurring/${SLUG[kind]}`} className="text-sm text-brand-700 hover:underline">
      ← All {kind === "addOn" ? "add-ons" : "discounts"}
    </Link>
  );
}
