import { z } from "zod";
import { positiveCents } from "./fields";
import { parseMoney } from "@/lib/money";

/**
 * Transaction search filters (they live in the URL) and the inputs of capture / void / refund / reverse.
 * Shared by the search page, the CSV export route and the actions.
 */

export const TRANSACTION_STATUSES = [
  "pending",
  "authorized",
  "pending_settlement",
  "settled",
  "declined",
  "voided",
  "refunded",
  "partially_refunded",
  "returned",
  "flagged",
  "unknown",
] as const;
export const TRANSACTION_TYPES = ["sale", "authorize", "verification", "credit", "refund"] as const;
export const PAYMENT_METHOD_KINDS = ["card", "ach", "terminal"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** "42.50" / "$1,000" → cents; blank → undefined. */
const optionalMoney = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const r = parseMoney(v);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.error });
        return z.NEVER;
      }
      return r.cents;
    }),
);

const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-21.")
    .optional(),
);

const trimmed = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z.string().max(max, `At most ${max} characters.`).optional(),
  );

export const transactionFiltersSchema = z
  .object({
    status: z.preprocess(blankToUndefined, z.enum(TRANSACTION_STATUSES).optional()),
    type: z.preprocess(blankToUndefined, z.enum(TRANSACTION_TYPES).optional()),
    method: z.preprocess(blankToUndefined, z.enum(PAYMENT_METHOD_KINDS).optional()),
    /** Inclusive calendar days (UTC). */
    from: isoDate,
    to: isoDate,
    min: optionalMoney,
    max: optionalMoney,
    lastFour: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{4}$/, "Enter the last four digits.")
        .optional(),
    ),
    customer: trimmed(64),
    orderId: trimmed(64),
  })
  .superRefine((f, ctx) => {
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
      ctx.addIssue({ code: "custom", path: ["max"], message: "The maximum is below the minimum." });
    }
    if (f.from && f.to && f.from > f.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    }
  });

export type TransactionFilters = Partial<z.output<typeof transactionFiltersSchema>>;
export const FILTER_KEYS = ["status", "type", "method", "from", "to", "min", "max", "lastFour", "customer", "orderId"];

/** URL search params → filters; invalid ones are dropped and reported so the page can say which. */
export function parseTransactionFilters(params: Record<string, string | string[] | undefined>): {
  filters: TransactionFilters;
  errors: Record<string, string>;
} {
  const raw: Record<string, string | undefined> = {};
  for (const k of FILTER_KEYS) {
    const v = params[k];
    raw[k] = Array.isArray(v) ? v[0] : v;
  }
  const parsed = transactionFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    errors[key] ??= issue.message;
  }
  const cleaned = { ...raw };
  for (const key of Object.keys(errors)) delete cleaned[key];
  const retry = transactionFiltersSchema.safeParse(cleaned);
  return { filters: retry.success ? retry.data : {}, errors };
}

/** Opaque keyset cursor: the last row's (created at, provider id). */
export interface TransactionCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(c: TransactionCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string | undefined | null): TransactionCursor | null {
  if (!value) return null;
  try {
    const s = Buffer.from(value, "base64url").toString("utf8");
    const at = s.indexOf("|");
    if (at < 0) return null;
    const createdAt = new Date(s.slice(0, at));
    const id = s.slice(at + 1);
    if (Number.isNaN(createdAt.getTime()) || !id) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Actions

const base = {
  merchantId: z.string().min(1),
  transactionId: z.string().trim().min(1, "Transaction id is required.").max(64),
};

/** Capture: amount optional (blank = the whole authorization). */
export const captureTransactionSchema = z.object({
  ...base,
  amount: z.preprocess(blankToUndefined, positiveCents("capture amount").optional()),
});

export const voidTransactionSchema = z.object(base);

/** Add a tip to an open authorization (CardPointe: capture for authorized + tip). */
export const tipTransactionSchema = z.object({ ...base, tip: positiveCents("tip") });

/** Email the receipt; one message per form intent. */
export const emailReceiptSchema = z.object({
  ...base,
  to: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  intentId: z.uuid("Reload the page and try again."),
});

export const refundTransactionSchema = z.object({ ...base, amount: positiveCents("refund amount") });

export const reverseTransactionSchema = z.object(base);

export type CaptureTransactionInput = z.output<typeof captureTransactionSchema>;
export type RefundTransactionInput = z.output<typeof refundTransactionSchema>;
