import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerForm } from "@/components/customers/customer-form";
import { customerTitle } from "@/components/customers/format";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getCustomer } from "@/db/queries/customers";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

export default async function EditCustomerPage(props: MerchantPageProps<{ customerId: string }>) {
  const {
    ctx,
    params: { customerId },
  } = await merchantPage(props, "customers:edit");
  const c = await getCustomer({ merchantId: ctx.merchant.id, customerId: decodeURIComponent(customerId) });
  if (!c) notFound();
  const href = `/m/${ctx.merchant.id}/customers/${encodeURIComponent(c.id)}`;
  const primary = c.addresses.find((a) => a.isDefaultBilling) ?? c.addresses[0];
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={`Edit ${customerTitle(c)}`}
        description="Name and contact details are kept on the customer's default billing address."
        back={
          <Link href={href} className="text-slate-600 hover:underline">
            ← {customerTitle(c)}
          </Link>
        }
      />
      <Card>
        <CustomerForm
          merchantId={ctx.merchant.id}
          customerId={c.id}
          values={{ ...primary, description: c.description }}
          cancelHref={href}
        />
      </Card>
    </div>
  );
}
