import { GatewayConfigError } from "@/lib/gateway";
import type { Capability, GatewayAdapter } from "@/lib/gateway/types";
import { UserError } from "@/lib/errors";
import { gatewayForMerchant } from "@/lib/connections/gateway";

export type GatewayAvailability = { ok: true; gateway: GatewayAdapter } | { ok: false; message: string };

/**
 * For pages: the merchant's adapter, or the words to show instead of a form when its gateway cannot do this
 * yet (CardPointe before its adapter lands, a family without the capability, missing credentials).
 */
export async function gatewayAvailability(merchantId: string, need: Capability[] = []): Promise<GatewayAvailability> {
  try {
    const gateway = await gatewayForMerchant(merchantId);
    const missing = need.filter((c) => !gateway.capabilities[c]);
    if (missing.length) {
      return { ok: false, message: "This merchant's payment gateway does not offer this feature." };
    }
    return { ok: true, gateway };
  } catch (err) {
    if (err instanceof GatewayConfigError || err instanceof UserError) {
      return {
        ok: false,
        message:
          "This merchant's payment gateway is not connected to the portal yet, so payments and the customer vault are not available here.",
      };
    }
    throw err;
  }
}
