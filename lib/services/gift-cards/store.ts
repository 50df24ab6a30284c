import { getMerchantWithCredentials } from "@/db/queries/merchants";
import { NotFound } from "@/lib/auth/errors";
import { UserError } from "@/lib/errors";
import { giftCardFor, type GiftCardAdapter } from "@/lib/giftcard/adapter";
import { unsealCredentials } from "@/lib/connections/credentials";

/** The merchant's gift-card store adapter, or null when no store is configured. Server-only. */
export async function giftCardStoreFor(merchantId: string): Promise<GiftCardAdapter | null> {
  const m = await getMerchantWithCredentials({ merchantId });
  if (!m) throw new NotFound();
  if (!m.credentialsEnc) return null;
  const creds = unsealCredentials(m.credentialsEnc, merchantId);
  if (!creds.giftcard) return null;
  return giftCardFor({ environment: m.environment, credentials: creds.giftcard });
}

export async function requireGiftCardStore(merchantId: string): Promise<GiftCardAdapter> {
  const store = await giftCardStoreFor(merchantId);
  if (!store) throw new UserError("unavailable", "Gift cards are not set up for this merchant.");
  return store;
}
