import { z } from "zod";
import { valuesOf } from "@/lib/labels";
import { addressFields, tokenSchema } from "./customers";
import { blankToUndefined, gatewayReference, optionalCents } from "./fields";
import { searchQuery } from "./search";

/**
 * The virtual terminal form, shared by the form, the charge action and the fee preview. Amounts are typed
 * as text and parsed to cents without floats; card and bank details arrive only as a tokenizer token.
 */

export const VT_TYPE_LABELS = {
  sale: "Sale",
  authorize: "Authorize only",
  verification: "Verify card",
  credit: "Credit (pay out)",
};
export type VtType = keyof typeof VT_TYPE_LABELS;
export const VT_TYPES = valuesOf(VT_TYPE_LABELS);
export const VT_SOURCES = ["card", "ach", "customer", "terminal"] as const;
export type VtSource = (typeof VT_SOURCES)[number];

const addressSchema = z.object(addressFields);

/** FormData arrives flat ("billing.city"); nest the address groups so errors keep the input's name as path. */
function nestAddresses(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const m = /^(billing|shipping)\.(\w+)$/.exec(k);
    if (m) {
      const group = (out[m[1] as string] ??= {}) as Record<string, unknown>;
      group[m[2] as string] = v;
    } else if (!(k in out)) out[k] = v;
  }
  return out;
}

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const amounts = {
  amount: optionalCents("Amount"),
  taxAmount: optionalCents("Tax"),
  shippingAmount: optionalCents("Shipping"),
  tipAmount: optionalCents("Tip"),
};

export const chargeSchema = z.preprocess(
  nestAddresses,
  z
    .object({
      merchantId: z.string(),
      intentId: z.uuid("This form has expired. Reload the page and try again."),
      type: z.enum(VT_TYPES, { error: "Choose a transaction type." }),
      source: z.enum(VT_SOURCES, { error: "Choose how the customer pays." }),
      token: z.preprocess(blankToUndefined, tokenSchema.optional()),
      customerId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
      paymentMethodId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
      paymentMethodKind: z.preprocess(blankToUndefined, z.enum(["card", "ach"]).optional()),
      terminalId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
      ...amounts,
      orderId: gatewayReference("Order id"),
      poNumber: gatewayReference("PO number"),
      description: z.preprocess(blankToUndefined, z.string().max(255, "At most 255 characters.").optional()),
      billing: addressSchema.optional(),
      shipping: addressSchema.optional(),
      saveToVault: checkbox,
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.type !== "verification" && v.amount <= 0) issue("amount", "Enter an amount greater than zero.");
      if (v.type === "verification" && v.source === "terminal") issue("source", "Verify a card by card or vault.");
      if ((v.source === "card" || v.source === "ach") && !v.token) issue("token", "Enter the payment details.");
      if (v.source === "ach" && v.type === "authorize")
        issue("type", "Bank payments cannot be authorized; use a sale.");
      if (v.source === "customer" && !v.customerId) issue("customerId", "Choose a customer.");
      if (v.source === "terminal" && !v.terminalId) issue("terminalId", "Choose a terminal.");
      if (v.source === "terminal" && v.type !== "sale" && v.type !== "authorize") {
        issue("type", "A terminal runs sales and authorizations only.");
      }
    }),
);
export type ChargeForm = z.output<typeof chargeSchema>;

/** The fee/surcharge preview: what the gateway will add for this amount and card before the charge. */
export const previewSchema = z.object({
  merchantId: z.string(),
  type: z.enum(VT_TYPES),
  method: z.enum(["card", "ach"]),
  ...amounts,
  /** First six digits from the tokenizer's card metadata (never more). */
  bin: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  ),
  state: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .optional(),
  ),
});
export type PreviewForm = z.output<typeof previewSchema>;

export const customerSearchSchema = z.object({
  merchantId: z.string(),
  q: searchQuery,
});

export const customerRefSchema = z.object({ merchantId: z.string(), customerId: z.string().min(1).max(64) });
