import { z } from "zod";

/** Merchant Settings → Integrations: the CardPointe connection (environment, site, MID, API credentials). */
export const cardpointeConnectionSchema = z.object({
  merchantId: z.string(),
  environment: z.enum(["sandbox", "uat", "production"], "Choose an environment."),
  site: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "The site is the first label of your host, e.g. fts.")
    .refine((s) => !s.endsWith("-uat"), "Enter the site without -uat: the environment says that."),
  merchid: z
    .string()
    .trim()
    .regex(/^\d{6,16}$/, "The MID is 6 to 16 digits."),
  username: z.string().trim().min(1, "Enter the API username.").max(100),
  /** Empty: keep the current password (same user). */
  password: z
    .string()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  terminalApiKey: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
});
export type CardPointeConnectionInput = z.output<typeof cardpointeConnectionSchema>;

export const merchantRefSchema = z.object({ merchantId: z.string() });

/** The Gateway API (FluidPay family) keys: the private api_ key and the public pub_ key; empty keeps the stored one. */
export const fluidpayKeysSchema = z.object({
  merchantId: z.string(),
  environment: z.enum(["sandbox", "production"], "Choose an environment."),
  apiKey: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^api_/, "The private key starts with api_.").optional()),
  publicKey: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^pub_/, "The public key starts with pub_.").optional()),
});
export type FluidPayKeysInput = z.output<typeof fluidpayKeysSchema>;

/** The POSPointe gift-card store (seed 002): API user, franchisee and store; empty password keeps the stored one. */
export const giftCardStoreSchema = z.object({
  merchantId: z.string(),
  username: z.string().trim().min(1, "Enter the API username.").max(100),
  password: z
    .string()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  franchiseeId: z.string().trim().min(1, "Enter the franchisee id.").max(60),
  storeId: z.string().trim().min(1, "Enter the store id.").max(60),
});
export type GiftCardStoreInput = z.output<typeof giftCardStoreSchema>;
