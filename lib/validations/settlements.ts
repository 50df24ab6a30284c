import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Not a date");

/** URL filters of the settlements list; invalid values are dropped rather than failing the page. */
export const settlementFiltersSchema = z.object({
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  batch: z
    .string()
    .trim()
    .max(64)
    .regex(/^[\w-]*$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});
export type SettlementFilters = z.infer<typeof settlementFiltersSchema>;

export const syncSettlementsSchema = z.object({});
