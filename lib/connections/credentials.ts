import "server-only";
import { z } from "zod";
import { seal, unseal } from "@/lib/crypto/keys";

/**
 * Provider credentials of one merchant, sealed at rest (AES-256-GCM, key derived for this purpose, bound to the
 * merchant's row) and never sent to the browser. Only services that call a provider unseal them.
 */
const PURPOSE = "merchant-credentials";

const fluidpay = z.object({
  family: z.literal("fluidpay"),
  apiKey: z.string().min(1),
  publicKey: z.string().min(1),
  /** The provider's merchant/account id (webhook routing). */
  accountId: z.string().optional(),
  /** The merchant's default processor (the gateway's amount calculation requires it). */
  processorId: z.string().optional(),
  /** Signing secret of this merchant's webhook endpoint. */
  webhookSecret: z.string().min(16).optional(),
});

const cardpointe = z.object({
  family: z.literal("cardpointe"),
  merchid: z.string().min(1),
  site: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
  terminalApiKey: z.string().optional(),
  hsn: z.string().optional(),
});

const giftcard = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  franchiseeId: z.string().min(1),
  storeId: z.string().min(1),
});

export const merchantCredentialsSchema = z.object({
  gateway: z.discriminatedUnion("family", [fluidpay, cardpointe]),
  giftcard: giftcard.optional(),
});
export type MerchantCredentials = z.infer<typeof merchantCredentialsSchema>;

/** What a merchant's sealed credentials are bound to: their own row and column (lib/crypto/keys.ts). */
export function merchantCredentialsBinding(merchantId: string): string {
  return `merchants/${merchantId}/credentials_enc`;
}

export const MERCHANT_CREDENTIALS_PURPOSE = PURPOSE;

export function sealCredentials(c: MerchantCredentials, merchantId: string): string {
  return seal(JSON.stringify(merchantCredentialsSchema.parse(c)), PURPOSE, merchantCredentialsBinding(merchantId));
}

/** Opens the credentials stored in merchant `merchantId`'s row; a ciphertext from another row does not open. */
export function unsealCredentials(sealed: string, merchantId: string): MerchantCredentials {
  return merchantCredentialsSchema.parse(JSON.parse(unseal(sealed, PURPOSE, merchantCredentialsBinding(merchantId))));
}
