/**
 * CoPilot billing plans (CardPointe merchants) and the partner's CoPilot credentials: the rules CoPilot
 * applies, checked before the call so most mistakes land on their field without a round trip. CoPilot's own
 * errors[] are mapped onto the same field names (lib/copilot/transform.ts `billingFieldFor`).
 */
import { isValid, parse } from "date-fns";
import { z } from "zod";
import { parseMoney } from "@/lib/money";

const uuid = z.string().uuid();
/** Largest billing-plan amount the portal accepts: $99,999.99. */
export const BILLING_PLAN_MAX_CENTS = 99_999_99;
export const BILLING_PLAN_INTERVALS = ["daily", "weekly", "monthly", "yearly"] as const;
export const BILLING_PLAN_PAGE_SIZE = 20;

const isoDate = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isValid(parse(v, "yyyy-MM-dd", new Date(2000, 0, 1))), {
    message: "Enter a date.",
  });

const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const createBillingPlanInput = z
  .object({
    merchantId: uuid,
    customerId: z
      .string()
      .trim()
      .regex(/^\d{20}$/, "Choose a customer from the vault."),
    acctId: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "Choose the stored card or account to charge."),
    name: z.string().trim().min(1, "Name the plan.").max(30, "Use 30 characters or fewer (CoPilot's limit)."),
    amount: z.string().transform((v, ctx) => {
      const r = parseMoney(v, "USD", { max: BILLING_PLAN_MAX_CENTS });
      if (!r.ok || r.cents <= 0) {
        ctx.addIssue({ code: "custom", message: r.ok ? "Enter an amount above $0.00." : r.error });
        return z.NEVER;
      }
      return r.cents;
    }),
    interval: z.enum(BILLING_PLAN_INTERVALS, { message: "Choose how often to charge." }),
    every: z.coerce
      .number({ message: "Enter a number from 1 to 9." })
      .int("Enter a number from 1 to 9.")
      .min(1, "Enter a number from 1 to 9.")
      .max(9, "Enter a number from 1 to 9."),
    startDate: isoDate,
    untilKind: z.enum(["cancelled", "payments", "date"], { message: "Choose when the plan ends." }),
    untilCount: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ message: "Enter the number of payments." })
        .int("Enter a whole number of payments.")
        .min(1, "At least one payment.")
        .max(1000, "At most 1,000 payments.")
        .optional(),
    ),
    untilDate: z.preprocess(blankToUndefined, isoDate.optional()),
    emailReceipt: checkbox.default(false),
    /** Today on the person's calendar (yyyy-MM-dd), so "not in the past" means their today; server date otherwise. */
    today: z.preprocess(blankToUndefined, isoDate.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.today && v.startDate < v.today)
      ctx.addIssue({ code: "custom", path: ["startDate"], message: "The first payment cannot be in the past." });
    if (v.untilKind === "payments" && v.untilCount === undefined)
      ctx.addIssue({ code: "custom", path: ["untilCount"], message: "Enter the number of payments." });
    if (v.untilKind === "date") {
      if (!v.untilDate) ctx.addIssue({ code: "custom", path: ["untilDate"], message: "Enter the last billing date." });
      else if (v.untilDate < v.startDate)
        ctx.addIssue({ code: "custom", path: ["untilDate"], message: "The end date is before the first payment." });
    }
  });
export type CreateBillingPlanInput = z.output<typeof createBillingPlanInput>;

const planId = z
  .string()
  .trim()
  .regex(/^\d{1,18}$/, "Unknown billing plan.");
const paymentId = z
  .string()
  .trim()
  .regex(/^\d{1,18}$/, "Unknown payment.");

export const billingPlanRefInput = z.object({ merchantId: uuid, planId });

export const billingPaymentInput = z.object({
  merchantId: uuid,
  planId,
  paymentId,
  retref: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,13}$/, "A retrieval reference is up to 13 letters and digits.")
      .optional(),
  ),
});

/** The billing-plans list from the URL; anything invalid falls back. */
export const billingPlanListParams = z.object({
  status: z.enum(["all", "active", "cancelled", "finished"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});

// ---------------------------------------------------------------------------------------------------------------
// Partner settings: the CoPilot API user for production

export const copilotCredentialsInput = z.object({
  partnerId: uuid,
  /** Which CoPilot environment these credentials are for (and the partner then boards in). Default: the current. */
  environment: z.preprocess(blankToUndefined, z.enum(["sandbox", "uat", "production"]).optional()),
  username: z.string().trim().min(1, "Enter the API user's username.").max(200),
  /** Blank keeps the stored password (it is never shown back). */
  password: z.preprocess(blankToUndefined, z.string().max(500).optional()),
  clientId: z.string().trim().min(1, "Enter the client id (usually merchapi).").max(200),
  /** Blank keeps the stored secret (it is never shown back). */
  clientSecret: z.preprocess(blankToUndefined, z.string().trim().max(500).optional()),
  templateId: z.coerce
    .number({ message: "Enter the numeric template id." })
    .int("Enter the numeric template id.")
    .positive("Enter the numeric template id."),
});
export type CopilotCredentialsInput = z.output<typeof copilotCredentialsInput>;

export const copilotTestInput = z.object({ partnerId: uuid });
