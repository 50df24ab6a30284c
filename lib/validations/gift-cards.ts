import { z } from "zod";
import { positiveCents } from "./fields";

/** Gift-card forms (shared by the forms and the actions). */

const amount = positiveCents().pipe(z.number().max(1_000_000, "A gift card holds at most $10,000.00."));

/** The token from the card-entry step (16 digits at POSPointe); never a card number from the browser state. */
const cardToken = z
  .string({ error: "Enter the card first." })
  .trim()
  .regex(/^[A-Za-z0-9-]{8,64}$/, "Enter the card again.");

export const giftCardEntrySchema = z.object({
  merchantId: z.string().min(1),
  cardNumber: z
    .string({ error: "Enter the card number." })
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{8,19}$/, "Enter the card number (8–19 digits).")),
  securityCode: z
    .string({ error: "Enter the security code." })
    .trim()
    .regex(/^\d{3,8}$/, "Enter the security code from the back of the card."),
});

export const giftCardBalanceSchema = z.object({ merchantId: z.string().min(1), cardToken });

export const giftCardLoadSchema = z.object({
  merchantId: z.string().min(1),
  cardToken,
  kind: z.enum(["sell", "reload"], { error: "Choose sell or reload." }),
  amount,
  /** One per form render: a double click or a retry moves money once (PosRef). */
  intentId: z.string().uuid("Reload the page and try again."),
});

export const giftCardRedeemSchema = z.object({
  merchantId: z.string().min(1),
  cardToken,
  amount,
  acceptPartial: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  intentId: z.string().uuid("Reload the page and try again."),
});

export const giftCardStatusSchema = z
  .object({
    merchantId: z.string().min(1),
    cardToken,
    active: z.enum(["true", "false"]).transform((v) => v === "true"),
    reason: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() || undefined : v),
      z.string().max(200, "Keep the reason under 200 characters.").optional(),
    ),
  })
  .refine((v) => v.active || Boolean(v.reason), { message: "Say why the card is deactivated.", path: ["reason"] });

export const giftCardBatchDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
