import { z } from "zod";

/** Elastic Path store connection and storefront payment inputs (forms, actions, services). */

export const connectStoreSchema = z.object({
  merchantId: z.string(),
  /** Present when rotating the credentials of an existing store. */
  storeId: z
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  name: z.string().trim().min(1, "Name the store.").max(80, "At most 80 characters."),
  environment: z.enum(["sandbox", "production"], "Choose an environment."),
  apiBase: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .url({
          protocol: /^https$/,
          hostname: /^[a-z0-9-]+\.api\.elasticpath\.com$/i,
          error: "An https://<region>.api.elasticpath.com address.",
        })
        .optional(),
    ),
  clientId: z.string().trim().min(1, "Enter the client id.").max(200, "At most 200 characters."),
  accessToken: z.string().trim().min(8, "Enter the API access token.").max(4000, "Too long."),
});
export type ConnectStoreInput = z.output<typeof connectStoreSchema>;

export const storeRefSchema = z.object({ merchantId: z.string(), storeId: z.uuid("Unknown store.") });

export const payStorefrontOrderSchema = z.object({
  merchantId: z.string(),
  storeId: z.uuid("Choose a store."),
  customerId: z.string().min(1).max(40),
  paymentMethodId: z.string().min(1).max(40),
  orderId: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "Enter the order's id (a UUID)."),
  method: z.enum(["purchase", "authorize"], "Choose purchase or authorize."),
  /** Dollars as typed; empty = the order's balance (seed 004: amount is optional). */
  amount: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .string()
        .regex(/^\d{1,7}(\.\d{1,2})?$/, "An amount like 42.50.")
        .optional(),
    ),
});
export type PayStorefrontOrderInput = z.output<typeof payStorefrontOrderSchema>;
