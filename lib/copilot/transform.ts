import { format, isValid, parse } from "date-fns";
import { centsToDecimalString, decimalStringToCents } from "@/lib/money";
import type { BoardingSubmission } from "@/lib/validations/boarding";
import type {
  BillingInterval,
  BillingPayment,
  BillingPaymentStatus,
  BillingPlan,
  BillingPlanStatus,
  BillingPlanWire,
  MerchantSnapshot,
  NewBillingPlan,
} from "./types";

/**
 * Pure mapping between the portal's boarding wizard and CoPilot's merchant JSON, both ways:
 * the application we send, and CoPilot's errorField paths back onto the wizard's field names.
 */

const PRICING: Record<BoardingSubmission["pricingPlan"], Record<string, unknown> | null> = {
  // null: keep the template's pricing object as it is.
  template: null,
  retail: {
    flatPricing: {
      amex: { esaQualDiscountPct: 2.9, optBlueQualDiscountPct: 2.9 },
      discover: { qualCreditDiscountPct: 2.4 },
      mastercard: { qualCreditDiscountPct: 2.4 },
      visa: { qualCreditDiscountPct: 2.4 },
    },
  },
  ic_plus: {
    icPlusPricing: {
      interchangeTypeCode: "GROSS",
      amex: { esaQualDiscountPct: 0.5 },
      discover: { qualCreditDiscountPct: 0.3 },
      mastercard: { qualCreditDiscountPct: 0.3 },
      visa: { qualCreditDiscountPct: 0.3 },
    },
  },
};

export function toCoPilotMerchant(d: BoardingSubmission, templateId: number) {
  const [owner, ...others] = d.owners;
  if (!owner) throw new Error("an application needs its owner");
  const address = {
    address1: d.address1,
    address2: d.address2 ?? null,
    city: d.city,
    stateCd: d.stateCd,
    zip: d.zip,
    countryCd: "US",
  };
  const bank = {
    bankAcctNum: d.bankAcctNum,
    bankRoutingNum: d.bankRoutingNum,
    bankAcctTypeCd: d.bankAcctTypeCd,
    bankName: d.bankName ?? null,
  };
  const pricing = PRICING[d.pricingPlan];
  return {
    templateId,
    merchant: {
      dbaName: d.dbaName,
      legalBusinessName: d.legalBusinessName,
      taxFilingName: d.taxFilingName,
      taxFilingMethod: d.taxFilingMethod,
      businessStartDate: d.businessStartDate,
      demographic: {
        businessIncorporatedStateCd: d.stateCd,
        merchantTimeZone: d.merchantTimeZone,
        websiteAddress: d.websiteAddress ?? null,
        businessPhone: d.businessPhone,
        businessFax: null,
        businessAddress: address,
        mailingAddress: address,
      },
      ownership: {
        owner: {
          ownerName: `${owner.firstName} ${owner.lastName}`,
          ownerEmail: owner.email,
          ownerDob: owner.dob,
          ownerPhone: owner.phone,
          ownerMobilePhone: null,
          ownerSSN: owner.ssn,
          ownerTitle: owner.title,
          ownerAddress: address,
        },
        additionalOwners: others.map((o) => ({
          ownerFirstName: o.firstName,
          ownerLastName: o.lastName,
          ownerPhone: o.phone,
          ownerSSN: o.ssn,
          ownerDob: o.dob,
          ownershipPct: o.ownershipPct,
          ownerAddress: address,
        })),
        ownershipTypeCd: d.ownershipTypeCd,
        ownerOwnershipPct: owner.ownershipPct,
        driversLicenseNumber: null,
        driversLicenseStateCd: null,
      },
      bankDetail: { depositBank: bank, withdrawalBank: bank },
      merchantContactInfo: {
        contactName: `${owner.firstName} ${owner.lastName}`,
        contactEmail: owner.email,
        contactPhone: owner.phone,
      },
      // processing: the template's platform details stay; only what the wizard asks is laid over them.
      processing: {
        platformDetails: {
          backEndPlatformCd: "FDNOB",
          frontEndPlatformCd: "FDNOF",
          currencyCode: "USD",
          taxId: d.taxId,
        },
        volumeDetails: {
          averageMonthlyVolume: d.averageMonthlyVolume,
          highTicketAmount: d.highTicketAmount,
          averageTicketAmount: d.averageTicketAmount,
        },
        modeOfTransaction: {
          eCommercePct: d.eCommercePct,
          keyedPct: d.keyedPct,
          mailOrderPct: d.mailOrderPct,
          swipedPct: d.swipedPct,
        },
      },
      ...(pricing ? { pricing } : {}),
    },
    ownerSiteUser: { firstName: owner.firstName, lastName: owner.lastName, email: owner.email },
  };
}

const BUSINESS_FIELDS: Record<string, string> = {
  "merchant.dbaName": "dbaName",
  "merchant.legalBusinessName": "legalBusinessName",
  "merchant.taxFilingName": "taxFilingName",
  "merchant.taxFilingMethod": "taxFilingMethod",
  "merchant.businessStartDate": "businessStartDate",
  "merchant.demographic.businessPhone": "businessPhone",
  "merchant.demographic.websiteAddress": "websiteAddress",
  "merchant.demographic.merchantTimeZone": "merchantTimeZone",
  "merchant.demographic.businessIncorporatedStateCd": "stateCd",
  "merchant.ownership.ownershipTypeCd": "ownershipTypeCd",
  "merchant.ownership.ownerOwnershipPct": "owners.0.ownershipPct",
  "merchant.processing.platformDetails.taxId": "taxId",
  "merchant.processing.volumeDetails.averageMonthlyVolume": "averageMonthlyVolume",
  "merchant.processing.volumeDetails.averageTicketAmount": "averageTicketAmount",
  "merchant.processing.volumeDetails.highTicketAmount": "highTicketAmount",
  "merchant.processing.modeOfTransaction": "swipedPct",
  "merchant.pricing": "pricingPlan",
  templateId: "pricingPlan",
};
const OWNER_KEYS: Record<string, string> = {
  ownerName: "firstName",
  ownerFirstName: "firstName",
  ownerLastName: "lastName",
  ownerEmail: "email",
  ownerDob: "dob",
  ownerPhone: "phone",
  ownerMobilePhone: "phone",
  ownerSSN: "ssn",
  ownerTitle: "title",
  ownershipPct: "ownershipPct",
  ownerAddress: "address1",
};
const SITE_USER_KEYS: Record<string, string> = { firstName: "firstName", lastName: "lastName", email: "email" };

/** CoPilot's errorField (e.g. `merchant.ownership.additionalOwners[1].ownerDob`) → wizard field (`owners.2.dob`). */
export function wizardFieldFor(errorField: string | null | undefined): string {
  if (!errorField) return "_form";
  const f = errorField.replace(/^merchant\.merchant\./, "merchant.");
  if (BUSINESS_FIELDS[f]) return BUSINESS_FIELDS[f];
  let m = /^merchant\.demographic\.(?:businessAddress|mailingAddress)\.(\w+)$/.exec(f);
  if (m) return m[1] === "countryCd" ? "address1" : m[1]!;
  m = /^merchant\.ownership\.owner\.(\w+)/.exec(f);
  if (m) return `owners.0.${OWNER_KEYS[m[1]!] ?? "firstName"}`;
  m = /^merchant\.ownership\.additionalOwners\[(\d+)\](?:\.(\w+))?/.exec(f);
  if (m) return `owners.${Number(m[1]) + 1}.${OWNER_KEYS[m[2] ?? ""] ?? "firstName"}`;
  m = /^merchant\.bankDetail\.(?:depositBank|withdrawalBank)\.(\w+)$/.exec(f);
  if (m) return m[1]!;
  m = /^merchant\.processing\.modeOfTransaction\.(\w+)$/.exec(f);
  if (m) return m[1]!;
  m = /^merchant\.processing\.volumeDetails\.(\w+)$/.exec(f);
  if (m) return m[1]!;
  m = /^ownerSiteUser\.(\w+)$/.exec(f);
  if (m) return `owners.0.${SITE_USER_KEYS[m[1]!] ?? "email"}`;
  if (f.startsWith("merchant.pricing") || f.startsWith("merchant.fees")) return "pricingPlan";
  return "_form";
}

/** GET /merchant/{id} → the few facts the portal follows. */
export function snapshotOf(body: {
  merchant: {
    merchantStatus?: {
      boardingProcessStatusCd?: string | null;
      approvedDatetime?: string | null;
      declinedDatetime?: string | null;
      boardedDatetime?: string | null;
      liveDatetime?: string | null;
    } | null;
    signatureStatus?: { signatureStatusCd?: string | null; signatureUrl?: string | null } | null;
    processing?: { platformDetails?: { frontEndMid?: string | null } | null } | null;
  };
}): MerchantSnapshot {
  const s = body.merchant.merchantStatus;
  return {
    boardingStatus: s?.boardingProcessStatusCd ?? null,
    signatureStatus: body.merchant.signatureStatus?.signatureStatusCd ?? null,
    signatureUrl: body.merchant.signatureStatus?.signatureUrl ?? null,
    frontEndMid: body.merchant.processing?.platformDetails?.frontEndMid ?? null,
    approvedAt: s?.approvedDatetime ?? null,
    declinedAt: s?.declinedDatetime ?? null,
    boardedAt: s?.boardedDatetime ?? null,
    liveAt: s?.liveDatetime ?? null,
  };
}

/** CoPilot datetime `MM/DD/YYYY hh:mm:ss AM` (UTC in the sandbox) → Date. */
export function parseCoPilotDateTime(v: string | null | undefined): Date | null {
  if (!v) return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(v.trim());
  if (!m) return null;
  let h = Number(m[4]) % 12;
  if (m[7] === "PM") h += 12;
  return new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), h, Number(m[5]), Number(m[6])));
}

/** CoPilot's boarding status → the application status the portal shows. */
export function applicationStatusOf(s: MerchantSnapshot): string | null {
  switch (s.boardingStatus) {
    case "INPROG":
      return "submitted";
    case "OFS":
      return s.signatureStatus === "SIGNED" ? "signed" : "signature_sent";
    case "SIGNED":
      return "signed";
    case "APPROVED":
      return "approved";
    case "DECLINED":
      return "declined";
    case "BOARDED":
      return "boarded";
    case "LIVE":
      return "live";
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Billing plans

const INTERVALS: BillingInterval[] = ["daily", "weekly", "monthly", "yearly"];
const REF = new Date(2000, 0, 1);

/** ISO calendar date (yyyy-MM-dd) → CoPilot's billing-plan date MMDDYYYY. */
export function toCompactDate(iso: string): string {
  return format(parse(iso, "yyyy-MM-dd", REF), "MMddyyyy");
}

/** MMDDYYYY or MM/DD/YYYY → ISO calendar date; null when absent or malformed. */
export function fromCoPilotDate(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = v.includes("/") ? parse(v, "MM/dd/yyyy", REF) : parse(v, "MMddyyyy", REF);
  return isValid(d) ? format(d, "yyyy-MM-dd") : null;
}

/** CoPilot dollars (a JSON number or decimal string) → integer cents, exactly. */
export function dollarsToCents(v: number | string): number {
  const s = typeof v === "number" ? v.toFixed(2) : v.trim();
  return decimalStringToCents(s);
}

/** The create body CoPilot expects (`POST /billingplan/create`). */
export function toCoPilotBillingPlan(p: NewBillingPlan) {
  return {
    billingPlan: {
      merchId: p.merchId,
      profileId: p.profileId,
      acctId: p.acctId,
      amount: Number(centsToDecimalString(p.amountCents)),
      timeSpan: INTERVALS.indexOf(p.interval) + 1,
      every: p.every,
      untilCondition: p.until.kind === "cancelled" ? "C" : p.until.kind === "payments" ? "N" : "D",
      ...(p.until.kind === "payments" ? { untilNumPayments: p.until.count } : {}),
      ...(p.until.kind === "date" ? { untilDate: toCompactDate(p.until.date) } : {}),
      currencySymbol: "$",
      startDate: toCompactDate(p.startDate),
      billingPlanName: p.name,
      options: [{ name: "email_receipt", value: p.emailReceipt ? "1" : "0" }],
    },
  };
}

const PLAN_STATUS: Record<string, BillingPlanStatus> = { A: "active", C: "cancelled", F: "finished" };
const PAYMENT_STATUS: Record<string, BillingPaymentStatus> = {
  scheduled: "scheduled",
  paid: "paid",
  cancelled: "cancelled",
  canceled: "cancelled",
  failed: "failed",
};

export function fromCoPilotBillingPlan(w: BillingPlanWire): BillingPlan {
  const until: BillingPlan["until"] =
    w.untilCondition === "N"
      ? { kind: "payments", count: w.untilNumPayments ?? 0 }
      : w.untilCondition === "D"
        ? { kind: "date", date: fromCoPilotDate(w.untilDate) ?? "" }
        : { kind: "cancelled" };
  return {
    id: w.billingPlanId,
    merchId: w.merchId,
    profileId: w.profileId,
    acctId: w.acctId ?? "1",
    name: w.billingPlanName,
    amountCents: dollarsToCents(w.amount),
    currency: "USD",
    interval: INTERVALS[w.timeSpan - 1] ?? "monthly",
    every: w.every,
    startDate: fromCoPilotDate(w.startDate),
    until,
    emailReceipt: w.options?.find((o) => o.name === "email_receipt")?.value === "1",
    status: PLAN_STATUS[w.planStatus] ?? "unknown",
    payments:
      w.schedules?.map((s): BillingPayment => ({
        id: s.billingPlanScheduleId,
        scheduledDate: fromCoPilotDate(s.scheduledPaymentDate),
        scheduledCents: dollarsToCents(s.scheduledAmount),
        status: PAYMENT_STATUS[s.paymentStatus.toLowerCase()] ?? "unknown",
        paidCents: s.actualAmount === null || s.actualAmount === undefined ? null : dollarsToCents(s.actualAmount),
        paidDate: fromCoPilotDate(s.actualPaymentDate),
        retref: s.retref ?? null,
      })) ?? null,
  };
}

const BILLING_FIELDS: Record<string, string> = {
  billingPlanName: "name",
  amount: "amount",
  timeSpan: "interval",
  every: "every",
  startDate: "startDate",
  untilCondition: "untilKind",
  untilNumPayments: "untilCount",
  untilDate: "untilDate",
  profileId: "customerId",
  acctId: "acctId",
  options: "emailReceipt",
  retref: "retref",
};

/** CoPilot's errorField on a billing-plan call (`billingPlan.amount`, `profileId`) → the portal form's field. */
export function billingFieldFor(errorField: string | null | undefined): string {
  if (!errorField) return "_form";
  const key = errorField.replace(/^billingPlan\./, "");
  return BILLING_FIELDS[key] ?? "_form";
}
