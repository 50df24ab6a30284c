import { z } from "zod";
import { parseMoney } from "@/lib/money";

/**
 * Form fields several forms share (invoices, the virtual terminal, customers, terminals, gift cards,
 * transaction actions): one definition each, so a rule or a message changes in one place.
 */

/** Form text: trimmed; blank (or only spaces) counts as not given. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" ? v.trim() || undefined : v);

/** Optional free text of at most `max` characters; blank → undefined. */
export const optionalText = (max: number, label: string) =>
  z.preprocess(blankToUndefined, z.string().max(max, `${label}: at most ${max} characters.`).optional());

/** The largest amount a form takes: $999,999.99. */
export const FORM_MAX_CENTS = 99_999_999;

/**
 * Optional text read into a number by `parse`; blank → 0. `parse` answers the number, or the error the field shows
 * after its label ("Shipping: …").
 */
export const optionalNumber = (label: string, parse: (v: string) => number | { error: string }) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return 0;
        const r = parse(v);
        if (typeof r !== "number") {
          ctx.addIssue({ code: "custom", message: `${label}: ${r.error}` });
          return z.NEVER;
        }
        return r;
      }),
  );

/** An optional amount typed as text ("42.50", "$1,000") → integer cents; blank → 0. */
export const optionalCents = (label: string, opts: { allowNegative?: boolean } = {}) =>
  optionalNumber(label, (v) => {
    const r = parseMoney(v, "USD", { max: FORM_MAX_CENTS, allowNegative: opts.allowNegative });
    return r.ok ? r.cents : { error: r.error };
  });

/** A required amount above zero → integer cents ("Enter the amount." / "The amount must be more than zero."). */
export const positiveCents = (label = "amount") =>
  z.string({ error: `Enter the ${label}.` }).transform((v, ctx) => {
    const r = parseMoney(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    if (r.cents <= 0) {
      ctx.addIssue({ code: "custom", message: `The ${label} must be more than zero.` });
      return z.NEVER;
    }
    return r.cents;
  });

/** Gateway rule (seed 003 L90–91): an order id or PO number is at most 15 letters and digits. Optional; blank → undefined. */
export const gatewayReference = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,15}$/, `${label}: up to 15 letters and digits.`)
      .optional(),
  );

/** An HTML checkbox (absent = false). */
export const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

/** A calendar day "YYYY-MM-DD". */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Not a date");

/** URL filters of a list by day (inclusive) and its page; invalid values are dropped rather than failing the page. */
export const dayRangeFilters = {
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
};
