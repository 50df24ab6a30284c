import { z } from "zod";
import { dayRangeFilters } from "./fields";

/** URL filters of the settlements list; invalid values are dropped rather than failing the page. */
export const settlementFiltersSchema = z.object({
  ...dayRangeFilters,
  batch: z
    .string()
    .trim()
    .max(64)
    .regex(/^[\w-]*$/)
    .optional()
    .catch(undefined),
});
export type SettlementFilters = z.infer<typeof settlementFiltersSchema>;

export const syncSettlementsSchema = z.object({});
