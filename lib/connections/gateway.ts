import "server-only";
import { getMerchantWithCredentials } from "@/db/queries/merchants";
import { NotFound } from "@/lib/auth/errors";
import { UserError } from "@/lib/errors";
import { gatewayFor } from "@/lib/gateway";
import type { GatewayAdapter } from "@/lib/gateway/types";
import { type MerchantCredentials, unsealCredentials } from "./credentials";

/** The merchant's provider adapter, built from its sealed credentials. Server-only. */
export async function gatewayForMerchant(merchantId: string): Promise<GatewayAdapter> {
  const m = await getMerchantWithCredentials({ merchantId });
  if (!m) throw new NotFound();
  if (!m.credentialsEnc) {
    throw new UserError("unavailable", "This merchant has no gateway credentials configured yet.");
  }
  const creds: MerchantCredentials = unsealCredentials(m.credentialsEnc, merchantId);
  const { family: _family, ...credentials } = creds.gateway;
  return gatewayFor({
    family: m.gateway,
    environment: m.environment,
    credentials: credentials as Record<string, string>,
  });
}
