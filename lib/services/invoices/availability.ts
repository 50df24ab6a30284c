import { GatewayConfigError } from "@/lib/gateway";
import { UserError } from "@/lib/errors";
import type { GatewayAdapter } from "@/lib/gateway/types";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import type { InvoiceStore } from "./store";
import { gatewayStore } from "./store-gateway";
import { localStore } from "./store-local";

export const INVOICING_UNAVAILABLE =
  "Invoicing is not available for this merchant: its gateway is not connected, or it has neither an invoice " +
  "service nor a card tokenizer the portal can charge invoices through.";

export type InvoicingAvailability =
  { ok: true; gateway: GatewayAdapter; store: InvoiceStore } | { ok: false; message: string };

/**
 * The merchant's invoice store: the gateway's invoices when it has an invoice API (FluidPay family), else the
 * portal's own invoices charged through the gateway's tokenizer (CardPointe). Nothing else picks between them.
 */
export function storeFor(merchantId: string, gateway: GatewayAdapter): InvoiceStore | null {
  if (gateway.capabilities.invoices) return gatewayStore(merchantId, gateway);
  if (gateway.family === "cardpointe" && gateway.capabilities.tokenizer) return localStore(merchantId, gateway);
  return null;
}

/** For pages: the store when the merchant can invoice, else the words to show instead of the forms. */
export async function invoicingAvailability(merchantId: string): Promise<InvoicingAvailability> {
  try {
    const gateway = await gatewayForMerchant(merchantId);
    const store = storeFor(merchantId, gateway);
    if (!store) return { ok: false, message: INVOICING_UNAVAILABLE };
    return { ok: true, gateway, store };
  } catch (err) {
    if (err instanceof GatewayConfigError || err instanceof UserError)
      return { ok: false, message: INVOICING_UNAVAILABLE };
    throw err;
  }
}

/** For actions: the store, or a UserError with the same words. */
export async function invoiceStore(merchantId: string): Promise<InvoiceStore> {
  const a = await invoicingAvailability(merchantId);
  if (!a.ok) throw new UserError("unavailable", a.message);
  return a.store;
}
