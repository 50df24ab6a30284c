import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import { unsealCredentials } from "@/lib/connections/credentials";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { makeTenants } from "./tenants";

/**
 * Connects a test merchant to the sandboxes as boarding and the demo seed do: provisions its sandbox account (and
 * gift-card store) and stores the MID, the CardPointe site and the sealed credentials on the merchant row.
 * Returns what was stored and the credentials, unsealed.
 */
export async function connectSandbox(merchantId: string, name: string, gateway: "fluidpay" | "cardpointe") {
  const p = await provisionSandboxMerchant({ id: merchantId, name, gateway });
  await getDb()
    .update(merchants)
    .set({ mid: p.mid, credentialsEnc: p.credentialsEnc, ...(p.site ? { site: p.site } : {}) })
    .where(eq(merchants.id, merchantId));
  return { ...p, credentials: unsealCredentials(p.credentialsEnc, merchantId) };
}

/**
 * A new tenant pair whose merchant A is connected to the FluidPay sandbox (`connectSandbox`), with the secret its
 * webhooks are signed with and the account id they name.
 */
export async function webhookMerchant(name: string) {
  const merchantId = (await makeTenants("fluidpay")).merchantA;
  const gateway = (await connectSandbox(merchantId, name, "fluidpay")).credentials.gateway;
  if (gateway.family !== "fluidpay" || !gateway.webhookSecret || !gateway.accountId) {
    throw new Error("no webhook secret");
  }
  return { merchantId, secret: gateway.webhookSecret, accountId: gateway.accountId };
}
