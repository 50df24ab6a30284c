import { GatewayConfigError } from "@/lib/gateway";
import { UserError } from "@/lib/errors";
import type { GatewayAdapter } from "@/lib/gateway/types";
import { gatewayForMerchant } from "@/lib/services/merchants/gateway";

export const INVOICING_UNAVAILABLE =
  "Invoicing is not available for this merchant yet. Its gateway has no invoice service, and the portal's own " +
  "invoicing for it arrives with the CardPointe connection.";

export type InvoicingAvailability = { ok: true; gateway: GatewayAdapter } | { ok: false; message: string };

/** For pages: the adapter when it can invoice, else the words to show instead of the forms. */
export async function invoicingAvailability(merchantId: string): Promise<InvoicingAvailability> {
  try {
    const gateway = await gatewayForMerchant(merchantId);
    if (!gateway.capabilities.invoices) return { ok: false, message: INVOICING_UNAVAILABLE };
    return { ok: true, gateway };
  } catch (err) {
    if (err instanceof GatewayConfigError || err instanceof UserError)
      return { ok: false, message: INVOICING_UNAVAILABLE };
    throw err;
  }
}

/** For actions: the adapter, or a UserError with the same words. */
export async function invoicingGateway(merchantId: string): Promise<GatewayAdapter> {
  const a = await invoicingAvailability(merchantId);
  if (!a.ok) throw new UserError("unavailable", a.message);
  return a.gateway;
}
