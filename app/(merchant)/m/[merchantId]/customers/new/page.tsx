import Link from "next/link";
import { CustomerForm } from "@/components/customers/customer-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { gatewayAvailability } from "@/lib/services/customers/availability";

export default async function NewCustomerPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "customers:edit");
  const base = `/m/${ctx.merchant.id}/customers`;
  const gateway = await gatewayAvailability(ctx.merchant.id, ["vault"]);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="New customer"
        description="Saved in the gateway's customer vault. Add a card or bank account on the next screen."
        back={
          <Link href={base} className="text-slate-600 hover:underline">
            ← Customers
          </Link>
        }
      />
      {gateway.ok ? (
        <Card>
          <CustomerForm merchantId={ctx.merchant.id} cancelHref={base} />
        </Card>
      ) : (
        <Alert tone="warning" title="The customer vault is not available">
          {gateway.message}
        </Alert>
      )}
    </div>
  );
}
