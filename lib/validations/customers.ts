import { z } from "zod";
import { blankToUndefined, optionalText } from "./fields";

/**
 * Customer vault forms: shared by the forms, the actions and the services. Payment methods arrive only as
 * tokenizer tokens; a value that looks like a card number is refused before it goes anywhere.
 */

const vaultId = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(64, `${label} is not valid.`)
    .regex(/^[A-Za-z0-9_-]+$/, `${label} is not valid.`);

export const addressFields = {
  firstName: optionalText(50, "First name"),
  lastName: optionalText(50, "Last name"),
  company: optionalText(100, "Company"),
  line1: optionalText(100, "Address line 1"),
  line2: optionalText(100, "Address line 2"),
  city: optionalText(50, "City"),
  state: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() || undefined : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, "Use the two-letter state code, e.g. CA.")
      .optional(),
  ),
  postalCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9 -]{3,10}$/, "Enter a valid postal code.")
      .optional(),
  ),
  country: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() || undefined : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, "Use the two-letter country code, e.g. US.")
      .optional(),
  ),
  email: z.preprocess(blankToUndefined, z.email("Enter a valid email address.").max(100).optional()),
  phone: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s().+-]/g, "") || undefined : v),
    z
      .string()
      .regex(/^\d{7,15}$/, "Enter a phone number of 7 to 15 digits.")
      .optional(),
  ),
};

export const ADDRESS_FIELD_NAMES = Object.keys(addressFields) as (keyof typeof addressFields)[];

const base = { merchantId: z.string() };
const customerRef = { ...base, customerId: vaultId("Customer") };

export const createCustomerSchema = z
  .object({
    ...base,
    ...addressFields,
    description: optionalText(255, "Description"),
    notes: optionalText(1000, "Notes"),
  })
  .refine((v) => v.firstName || v.lastName || v.company || v.email, {
    message: "Give at least a name, a company or an email.",
    path: ["firstName"],
  });
export type CreateCustomerForm = z.output<typeof createCustomerSchema>;

export const updateCustomerSchema = z.object({
  ...customerRef,
  ...addressFields,
  description: optionalText(255, "Description"),
  notes: optionalText(1000, "Notes"),
});
export type UpdateCustomerForm = z.output<typeof updateCustomerSchema>;

export const deleteCustomerSchema = z.object(customerRef);

export const saveAddressSchema = z
  .object({
    ...customerRef,
    addressId: z.preprocess(blankToUndefined, vaultId("Address").optional()),
    ...addressFields,
  })
  .refine((v) => ADDRESS_FIELD_NAMES.some((k) => v[k] !== undefined), {
    message: "Fill in at least one field of the address.",
    path: ["line1"],
  });
export type SaveAddressForm = z.output<typeof saveAddressSchema>;

export const addressRefSchema = z.object({ ...customerRef, addressId: vaultId("Address") });

export const setDefaultAddressSchema = z.object({
  ...customerRef,
  addressId: vaultId("Address"),
  role: z.enum(["billing", "shipping"], { error: "Choose billing or shipping." }),
});

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A tokenizer token; never digits that could be a card number. CardSecure tokens are 16 digits starting
 * with 9 (no card network issues numbers there); any other all-digit value that passes Luhn is refused.
 */
export const tokenSchema = z
  .string({ error: "Enter the payment details first." })
  .trim()
  .min(8, "Enter the payment details first.")
  .max(200, "The payment token is not valid.")
  .regex(/^[A-Za-z0-9_.:-]+$/, "The payment token is not valid.")
  .refine((t) => !/^\d{12,19}$/.test(t) || /^9\d{15}$/.test(t) || !luhn(t), {
    message: "The payment token is not valid.",
  });

export const addPaymentMethodSchema = z.object({
  ...customerRef,
  token: tokenSchema,
  makeDefault: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export const paymentMethodRefSchema = z.object({
  ...customerRef,
  paymentMethodId: vaultId("Payment method"),
  kind: z.enum(["card", "ach"], { error: "Unknown payment method type." }),
});

/** A card expiry as people type it: MM/YY (or MMYY), a real month, not already over. Normalised to "MM/YY". */
export const cardExpirySchema = z
  .string({ error: "Enter the expiry date as MM/YY." })
  .trim()
  .regex(/^(0[1-9]|1[0-2])\s*\/?\s*\d{2}$/, "Enter the expiry date as MM/YY, for example 04/29.")
  .transform((v) => {
    const d = v.replace(/\D/g, "");
    return `${d.slice(0, 2)}/${d.slice(2)}`;
  })
  .refine(
    (v) => {
      const [mm, yy] = v.split("/").map(Number) as [number, number];
      const now = new Date();
      return 2000 + yy > now.getUTCFullYear() || (2000 + yy === now.getUTCFullYear() && mm >= now.getUTCMonth() + 1);
    },
    { message: "This expiry date has already passed." },
  );

export const updateCardExpirySchema = z.object({
  ...customerRef,
  paymentMethodId: vaultId("Payment method"),
  expiration: cardExpirySchema,
});

export const replaceCardSchema = z.object({
  ...customerRef,
  paymentMethodId: vaultId("Payment method"),
  token: tokenSchema,
});
