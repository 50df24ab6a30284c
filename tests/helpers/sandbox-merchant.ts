import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import { unsealCredentials } from "@/lib/connections/credentials";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";

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
