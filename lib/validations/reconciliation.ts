import { z } from "zod";
import { reconExceptionKinds } from "@/db/schema/reconciliation";
import { dayRangeFilters } from "./fields";

/** URL filters of the deposits list and its CSV; invalid values are dropped rather than failing the page. */
export const depositFiltersSchema = z.object({
  ...dayRangeFilters,
  status: z.enum(["reconciled", "exception"]).optional().catch(undefined),
});

export const exceptionFiltersSchema = z.object({
  status: z.enum(["open", "resolved", "ignored"]).optional().catch("open"),
  kind: z.enum(reconExceptionKinds).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});

export const EXCEPTION_KIND_LABELS: Record<(typeof reconExceptionKinds)[number], string> = {
  unfunded_batch: "Settled, never funded",
  funding_mismatch: "Deposit differs from expected",
  unsettled_capture: "Captured, never settled",
  invoice_unsettled: "Paid invoice, no settled payment",
  orphan_refund: "Refund without original",
};

export const reconcileNowSchema = z.object({});
export const closeBatchSchema = z.object({});

export const closeExceptionSchema = z.object({
  exceptionId: z.uuid("Unknown exception"),
  outcome: z.enum(["resolved", "ignored"]),
  note: z.string().trim().min(3, "Write a note of at least 3 characters").max(2000, "At most 2000 characters"),
});

export const assignExceptionSchema = z.object({
  exceptionId: z.uuid("Unknown exception"),
  ownerUserId: z.union([z.uuid("Pick a team member"), z.literal("")]).transform((v) => v || null),
});

export const reconSettingsSchema = z.object({
  fundingGraceDays: z.coerce.number().int("Whole days").min(1, "At least 1 day").max(30, "At most 30 days"),
  settleGraceDays: z.coerce.number().int("Whole days").min(1, "At least 1 day").max(30, "At most 30 days"),
  autoCloseAt: z
    .string()
    .trim()
    .regex(/^(|([01]\d|2[0-3]):[0-5]\d)$/, "Use HH:MM (24-hour, UTC), or leave empty for no auto-close")
    .transform((v) => v || null),
});
