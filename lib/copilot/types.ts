import { z } from "zod";

/** A partner's CoPilot API user (sealed in partner_integrations). */
export interface CoPilotCredentials {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  templateId: number;
}

export interface CoPilotHosts {
  /** Keycloak host (token endpoint under /auth/realms/cardconnect/...). */
  accounts: string;
  api: string;
}

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token: z.string().optional(),
  refresh_expires_in: z.number().optional(),
});

export const apiErrorSchema = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().nullish(),
  errorField: z.string().nullish(),
  status: z.string().nullish(),
});

export const createMerchantResponse = z.object({ merchantId: z.union([z.string(), z.number()]).transform(String) });
export const signatureResponse = z.object({ signatureUrl: z.string().url() });

export const merchantStatusSchema = z.object({
  approvedDatetime: z.string().nullish(),
  boardedDatetime: z.string().nullish(),
  declinedDatetime: z.string().nullish(),
  liveDatetime: z.string().nullish(),
  boardingProcessStatusCd: z.string().nullish(),
  gatewayBoardingStatusCd: z.string().nullish(),
});

export const merchantResponse = z.object({
  merchant: z
    .object({
      merchantStatus: merchantStatusSchema.nullish(),
      signatureStatus: z
        .object({ signatureStatusCd: z.string().nullish(), signatureUrl: z.string().nullish() })
        .passthrough()
        .nullish(),
      processing: z
        .object({ platformDetails: z.object({ frontEndMid: z.string().nullish() }).passthrough().nullish() })
        .passthrough()
        .nullish(),
    })
    .passthrough(),
});

export const equipmentRow = z
  .object({
    equipmentId: z.number(),
    equipmentName: z.string(),
    make: z.string().nullish(),
    model: z.string().nullish(),
    equipmentTypeCd: z.string().nullish(),
    defaultPrice: z.number().nullish(),
    defaultPlanPrice: z.number().nullish(),
  })
  .passthrough();
export const equipmentCatalogResponse = z.object({ rows: z.array(equipmentRow) });
export type EquipmentItem = z.output<typeof equipmentRow>;

/** CoPilot's boarding process, as the portal's application status. */
export type CoPilotBoardingStatus = "INPROG" | "OFS" | "SIGNED" | "APPROVED" | "DECLINED" | "BOARDED" | "LIVE";

export interface MerchantSnapshot {
  boardingStatus: string | null;
  signatureStatus: string | null;
  signatureUrl: string | null;
  frontEndMid: string | null;
  approvedAt: string | null;
  declinedAt: string | null;
  boardedAt: string | null;
  liveAt: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Billing plans (services.md §4.6): amounts are dollars as JSON numbers, dates MMDDYYYY on the plan and
// MM/DD/YYYY on its schedule rows.

const idString = z.union([z.string(), z.number()]).transform(String);
const nullableNumber = z.union([z.number(), z.string()]).nullish();

export const billingScheduleWire = z
  .object({
    billingPlanScheduleId: idString,
    actualAmount: nullableNumber,
    actualPaymentDate: z.string().nullish(),
    paymentStatus: z.string(),
    retref: z.string().nullish(),
    scheduledAmount: z.union([z.number(), z.string()]),
    scheduledPaymentDate: z.string(),
  })
  .passthrough();

export const billingPlanWire = z
  .object({
    billingPlanId: idString,
    merchId: idString,
    profileGuid: z.string().nullish(),
    profileId: idString,
    acctId: idString.nullish(),
    amount: z.union([z.number(), z.string()]),
    timeSpan: z.coerce.number(),
    every: z.coerce.number(),
    untilCondition: z.enum(["C", "N", "D"]),
    untilNumPayments: z.coerce.number().nullish(),
    untilDate: z.string().nullish(),
    currencySymbol: z.string().nullish(),
    startDate: z.string(),
    billingPlanName: z.string(),
    options: z.array(z.object({ name: z.string(), value: z.string() }).passthrough()).nullish(),
    planStatus: z.string(),
    schedules: z.array(billingScheduleWire).nullish(),
  })
  .passthrough();
export type BillingPlanWire = z.output<typeof billingPlanWire>;

export const billingPlanResponse = z.object({ billingPlan: billingPlanWire });
export const billingPlanListResponse = z.object({ billingPlans: z.array(billingPlanWire).nullish() });

/** What the portal asks CoPilot to create (domain values; transform.ts writes the wire form). */
export interface NewBillingPlan {
  merchId: string;
  profileId: string;
  acctId: string;
  name: string;
  amountCents: number;
  /** daily | weekly | monthly | yearly → timeSpan 1..4 */
  interval: BillingInterval;
  every: number;
  /** ISO calendar date (yyyy-MM-dd). */
  startDate: string;
  until: { kind: "cancelled" } | { kind: "payments"; count: number } | { kind: "date"; date: string };
  emailReceipt: boolean;
}

export type BillingInterval = "daily" | "weekly" | "monthly" | "yearly";
export type BillingPlanStatus = "active" | "cancelled" | "finished" | "unknown";
export type BillingPaymentStatus = "scheduled" | "paid" | "cancelled" | "failed" | "unknown";

export interface BillingPayment {
  id: string;
  /** ISO calendar date. */
  scheduledDate: string | null;
  scheduledCents: number;
  status: BillingPaymentStatus;
  paidCents: number | null;
  paidDate: string | null;
  retref: string | null;
}

export interface BillingPlan {
  id: string;
  merchId: string;
  profileId: string;
  acctId: string;
  name: string;
  amountCents: number;
  currency: string;
  interval: BillingInterval;
  every: number;
  startDate: string | null;
  until: NewBillingPlan["until"];
  emailReceipt: boolean;
  status: BillingPlanStatus;
  /** null when CoPilot listed the plan without its schedule. */
  payments: BillingPayment[] | null;
}
