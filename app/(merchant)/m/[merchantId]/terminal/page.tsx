import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { type TerminalOption, TerminalForm } from "@/components/virtual-terminal/terminal-form";
import { getCustomer } from "@/db/queries/customers";
import { firstValue, merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { log } from "@/lib/log";
import { gatewayAvailability } from "@/lib/services/customers/availability";
import type { VtSource } from "@/lib/validations/virtual-terminal";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function TerminalPage(props: MerchantPageProps) {
  const { ctx, query: sp } = await merchantPage(props, "transactions:charge");
  const intent = firstValue(sp.intent);
  const customerId = firstValue(sp.customerId);
  // One intent id per form render, kept in the URL: a reload or duplicated tab resubmits the same intent.
  if (!intent || !UUID.test(intent)) {
    const next = new URLSearchParams();
    if (customerId) next.set("customerId", customerId);
    next.set("intent", randomUUID());
    redirect(`/m/${ctx.merchant.id}/terminal?${next.toString()}`);
  }
  const header = (
    <PageHeader
      title="Virtual terminal"
      description="Take a card or bank payment by phone or in person: sale, authorization, verification or credit."
    />
  );
  const availability = await gatewayAvailability(ctx.merchant.id);
  if (!availability.ok) {
    return (
      <div className="mx-auto max-w-6xl">
        {header}
        <Alert tone="warning" title="The virtual terminal is not available for this merchant yet">
          {availability.message}
        </Alert>
      </div>
    );
  }
  const gateway = availability.gateway;
  const caps = gateway.capabilities;
  const tokenizer = caps.tokenizer ? gateway.tokenizerConfig() : null;
  const sources: VtSource[] = [
    ...(tokenizer?.paymentTypes.includes("card") ? (["card"] as const) : []),
    ...(tokenizer?.paymentTypes.includes("ach") && caps.achPayments ? (["ach"] as const) : []),
    ...(caps.vault ? (["customer"] as const) : []),
    ...(caps.terminals ? (["terminal"] as const) : []),
  ];
  let terminals: TerminalOption[] = [];
  if (caps.terminals) {
    try {
      terminals = (await gateway.terminals.list())
        .filter((t) => t.status === "active")
        .map((t) => ({
          id: t.id,
          label: [
            t.description || [t.manufacturer, t.model].filter(Boolean).join(" ") || "Terminal",
            t.tpn ? `TPN ${t.tpn}` : null,
          ]
            .filter(Boolean)
            .join(" · "),
        }));
    } catch (err) {
      log().warn({ err }, "terminal list unavailable for the virtual terminal");
    }
  }
  const picked = customerId ? await getCustomer({ merchantId: ctx.merchant.id, customerId }) : null;
  return (
    <div className="mx-auto max-w-6xl">
      {header}
      <TerminalForm
        merchantId={ctx.merchant.id}
        intentId={intent}
        tokenizer={tokenizer}
        feePreview={caps.feeCalculation}
        sources={sources}
        terminals={terminals}
        initialCustomer={
          picked
            ? { id: picked.id, name: picked.name, email: picked.email, paymentMethods: picked.paymentMethods }
            : null
        }
      />
    </div>
  );
}
