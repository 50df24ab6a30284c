import { z } from "zod";
import { parsePercentString } from "./totals";

/** Request-body schema of POST /api/invoice and POST /api/invoice/{id} (the seed's field table). */

const MAX_CENTS = 99_999_999_999;
const cents = z.int("must be an integer number of cents").min(0, "must not be negative").max(MAX_CENTS);
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = z.string().refine((v) => v === "" || EMAIL.test(v), "must be a valid email address");
const percentString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => v.trim() === "" || parsePercentString(v) !== undefined, 'must be a percentage like "8.250"');

const POSTAL: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/,
  MX: /^\d{5}$/,
};

/**
 * payable_to / bill_to: either a stored address `id` or a typed address with the starred fields
 * (address_line_1, city, 2-letter state and country, a postal code valid for the country).
 */
const address = z
  .object({
    id: text(40).optional(),
    first_name: text(50).optional(),
    last_name: text(50).optional(),
    company: text(100).optional(),
    address_line_1: text(100).optional(),
    address_line_2: text(100).optional(),
    city: text(50).optional(),
    state: text(2).optional(),
    postal_code: text(10).optional(),
    country: text(2).optional(),
    phone: text(20).optional(),
    fax: text(20).optional(),
    email: email.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.id) return;
    for (const f of ["address_line_1", "city", "state", "postal_code", "country"] as const) {
      if (!a[f]) ctx.addIssue({ code: "custom", path: [f], message: "is required" });
    }
    if (a.state && !/^[A-Za-z]{2}$/.test(a.state)) {
      ctx.addIssue({ code: "custom", path: ["state"], message: "must be 2 letters" });
    }
    if (a.country && !/^[A-Za-z]{2}$/.test(a.country)) {
      ctx.addIssue({ code: "custom", path: ["country"], message: "must be 2 letters" });
    }
    const rule = POSTAL[(a.country ?? "").toUpperCase()] ?? /^[A-Za-z0-9 -]{2,10}$/;
    if (a.postal_code && !rule.test(a.postal_code)) {
      ctx.addIssue({ code: "custom", path: ["postal_code"], message: "must be a valid postal code for the country" });
    }
  });
export type AddressBody = z.infer<typeof address>;

const item = z
  .object({
    status: z.enum(["pending", "paid"], "must be pending or paid").optional(),
    type: text(50).optional(),
    name: text(100).optional(),
    description: text(255).optional(),
    unit_price: cents,
    quantity: z.int("must be an integer").min(0, "must not be negative").max(1_000_000),
    quantity_shipped: z.int().min(0).optional(),
    product_code: text(50).optional(),
    commodity_code: text(50).optional(),
    unit_of_measure: text(20).optional(),
    alternate_tax_identifier: text(50).optional(),
    taxable: z.boolean("must be true or false").optional(),
    local_tax_rate: percentString.optional(),
    local_tax: cents.optional(),
    national_tax_rate: percentString.optional(),
    national_tax: cents.optional(),
    tax_rate: percentString.optional(),
    tax_amount: cents.optional(),
    discount_amount: cents.optional(),
    discount: z.int("must be an integer").min(0, "must not be negative").max(MAX_CENTS).optional(),
    discount_type: z.enum(["$", "%"], 'must be "$" or "%"').optional(),
    freight_amount: cents.optional(),
  })
  .superRefine((i, ctx) => {
    if (i.discount_type === "%" && (i.discount ?? 0) > 100_000) {
      ctx.addIssue({ code: "custom", path: ["discount"], message: "a percentage discount is at most 100000 (100%)" });
    }
  });
export type ItemBody = z.infer<typeof item>;

export const invoiceBody = z.object({
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "must be a 3-letter currency code")
    .optional(),
  company_name: text(100).optional(),
  company_logo_url: text(500).optional(),
  customer_number: text(50).optional(),
  customer_id: text(40).optional(),
  invoice_number: text(50).optional(),
  payable_to: address.optional(),
  bill_to: address.optional(),
  date_due: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), "must be a date-time like 2021-02-13T06:00:00.000Z")
    .optional(),
  items: z.array(item).min(1, "needs at least one item").max(200).optional(),
  advanced_fields: z.boolean().optional(),
  enable_tax: z.boolean().optional(),
  enable_shipping: z.boolean().optional(),
  require_shipping_details: z.boolean().optional(),
  require_billing_details_on_payment_only: z.boolean().optional(),
  tax_percent: percentString.optional(),
  tax: cents.optional(),
  shipping: cents.optional(),
  adjustment: z.int("must be an integer number of cents").min(-MAX_CENTS).max(MAX_CENTS).optional(),
  allow_partial_payment: z.boolean().optional(),
  transaction_type: z.enum(["sale", "authorize"], "must be sale or authorize").optional(),
  payment_methods: z
    .array(z.enum(["card", "ach", "mail"], "must be card, ach or mail"))
    .min(1, "needs at least one")
    .optional(),
  card_processor_id: text(40).optional(),
  ach_processor_id: text(40).optional(),
  message: text(1000).optional(),
  send_via: z.enum(["none", "email", "text", "both"], "must be none, email, text or both").optional(),
  email_to: email.optional(),
});
export type InvoiceBody = z.infer<typeof invoiceBody>;
