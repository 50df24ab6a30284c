import { z } from "zod";

/**
 * The boarding wizard's fields and CoPilot's rules for them, field by field (docs/sandbox/copilot.md
 * "Validation and error codes"). The same names are used by the form inputs, the action's field
 * errors and lib/copilot/transform.ts, which maps CoPilot's errorField paths back onto them.
 */

export const STATE_CODES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
] as const;
export const OWNERSHIP_TYPES = {
  LLC: "LLC",
  PRIVCORP: "Private corporation",
  PUBCORP: "Public corporation",
  PRTNRSHP: "Partnership",
  INDIVSOLE: "Individual / sole proprietor",
  NONPRFT: "Non-profit",
  TAXEXMPT: "Tax exempt",
  GOVT: "Government",
} as const;
export const OWNER_TITLES = [
  "OWNER",
  "PRESIDENT",
  "VICE PRESIDENT",
  "CEO",
  "CFO",
  "COO",
  "SECRETARY",
  "TREASURER",
  "PARTNER",
  "MEMBER",
  "MANAGER",
  "DIRECTOR",
  "GENERAL PARTNER",
  "MANAGING MEMBER",
] as const;
export const TIME_ZONES = ["ET", "CT", "MT", "PT", "HST", "AKST"] as const;
export const BANK_ACCOUNT_TYPES = { BIZ: "Business checking", GL: "General ledger", SAVINGS: "Savings" } as const;
/** Pricing the partner can choose; each is laid over the CoPilot template's pricing (lib/copilot/transform.ts). */
export const PRICING_PLANS = {
  template: "Partner template (2.6% flat, Amex 2.9%)",
  retail: "Retail flat 2.4%, Amex 2.9%",
  ic_plus: "Interchange plus (gross)",
} as const;

const MAX_AGE = 120;
const MIN_AGE = 18;

/** MM/DD/YYYY naming a real day (CoPilot's date format). */
export function parseUsDate(v: string): Date | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  if (!m) return undefined;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d;
}

export function ageOn(birth: Date, today: Date): number {
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const md = (d: Date) => d.getUTCMonth() * 100 + d.getUTCDate();
  if (md(today) < md(birth)) age -= 1;
  return age;
}

/** ABA checksum: weights 3,7,1 repeating, sum a multiple of 10. */
export function isRoutingNumber(v: string): boolean {
  if (!/^\d{9}$/.test(v)) return false;
  const w = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(v[i]) * w[i % 3]!;
  return sum % 10 === 0;
}

const text = (max: number, label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be ${max} characters or fewer.`);
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer.`)
    .optional()
    .transform((v) => (v ? v : undefined));
const phone = (label: string) => text(12, label).regex(/^\d{3}-\d{3}-\d{4}$/, `${label}: use ###-###-####.`);
const name = (label: string) =>
  text(100, label).regex(/^[A-Za-z][A-Za-z' -]*$/, `${label}: letters only (a hyphen or apostrophe is fine).`);
const pct = (label: string) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .min(0, `${label} must be between 0 and 100.`)
    .max(100, `${label} must be between 0 and 100.`);
const dollars = (label: string) =>
  z.coerce.number({ error: `${label} must be a number.` }).min(0, `${label} cannot be negative.`);

const dob = text(10, "Date of birth").superRefine((v, ctx) => {
  const d = parseUsDate(v);
  if (!d) return void ctx.addIssue({ code: "custom", message: "Date of birth: use MM/DD/YYYY." });
  const age = ageOn(d, new Date());
  if (age < MIN_AGE) ctx.addIssue({ code: "custom", message: "The owner must be at least 18 years old." });
  else if (age > MAX_AGE) ctx.addIssue({ code: "custom", message: "Please check the year of birth." });
});

/** SSN: full value on submit; `XXX-XX-1234` masked value is what a saved draft holds. */
const ssn = text(11, "SSN").regex(/^\d{3}-\d{2}-\d{4}$/, "SSN: use ###-##-####.");

export const ownerSchema = z.object({
  firstName: name("First name").regex(/^[A-Za-z]+$/, "First name: letters only."),
  lastName: name("Last name").refine(
    (v) => (v.match(/-/g) ?? []).length <= 1 && (v.match(/'/g) ?? []).length <= 1 && !v.includes(" "),
    "Last name: one word, at most one hyphen and one apostrophe.",
  ),
  email: z.string().trim().max(300).optional(),
  phone: phone("Phone"),
  title: z.enum(OWNER_TITLES, { error: "Choose a title." }),
  dob,
  ssn,
  ownershipPct: pct("Ownership %"),
});

const email = text(300, "Email").email("Enter a valid email address.");

export const equipmentLineSchema = z.object({
  equipmentId: z.coerce.number().int().positive(),
  quantity: z.coerce.number().int().min(1, "At least 1.").max(999, "At most 999."),
});

export const boardingSubmitSchema = z
  .object({
    // business
    dbaName: text(100, "DBA name"),
    legalBusinessName: text(500, "Legal business name"),
    taxFilingName: text(500, "Tax filing name").regex(
      /^[A-Za-z0-9 &-]+$/,
      "Tax filing name: letters, digits, spaces, & and - only.",
    ),
    taxFilingMethod: z.enum(["EIN", "SSN"], { error: "Choose EIN or SSN." }),
    ownershipTypeCd: z.enum(Object.keys(OWNERSHIP_TYPES) as [keyof typeof OWNERSHIP_TYPES], {
      error: "Choose an ownership type.",
    }),
    taxId: text(9, "Tax ID").regex(/^\d{9}$/, "Tax ID: 9 digits."),
    businessStartDate: text(10, "Business start date").refine((v) => {
      const d = parseUsDate(v);
      return !!d && d <= new Date();
    }, "Business start date: MM/DD/YYYY, not in the future."),
    businessPhone: phone("Business phone"),
    websiteAddress: optionalText(200, "Website"),
    merchantTimeZone: z.enum(TIME_ZONES, { error: "Choose a time zone." }),
    address1: text(200, "Address"),
    address2: optionalText(200, "Address line 2"),
    city: text(300, "City"),
    stateCd: z.enum(STATE_CODES, { error: "Choose a state." }),
    zip: text(10, "ZIP").regex(/^\d{5}(-\d{4})?$/, "ZIP: ##### or #####-####."),
    // owners
    owners: z.array(ownerSchema).min(1, "Add the owner.").max(5, "At most 5 owners."),
    // bank
    bankName: optionalText(200, "Bank name"),
    bankRoutingNum: text(9, "Routing number").refine(isRoutingNumber, "Routing number is not a valid ABA number."),
    bankAcctNum: text(17, "Account number").regex(/^\d{4,17}$/, "Account number: 4 to 17 digits."),
    bankAcctTypeCd: z.enum(Object.keys(BANK_ACCOUNT_TYPES) as [keyof typeof BANK_ACCOUNT_TYPES], {
      error: "Choose an account type.",
    }),
    // processing
    averageMonthlyVolume: dollars("Monthly volume"),
    averageTicketAmount: dollars("Average ticket"),
    highTicketAmount: dollars("High ticket"),
    swipedPct: pct("Card present %"),
    keyedPct: pct("Keyed %"),
    eCommercePct: pct("E-commerce %"),
    mailOrderPct: pct("Mail/phone order %"),
    // pricing and equipment
    pricingPlan: z.enum(Object.keys(PRICING_PLANS) as [keyof typeof PRICING_PLANS], { error: "Choose pricing." }),
    equipment: z.array(equipmentLineSchema).max(10).default([]),
    gateway: z.enum(["cardpointe", "fluidpay"]).default("cardpointe"),
  })
  .superRefine((d, ctx) => {
    const first = d.owners[0];
    if (first) {
      const r = email.safeParse(first.email ?? "");
      if (!r.success)
        ctx.addIssue({ code: "custom", path: ["owners", 0, "email"], message: r.error.issues[0]!.message });
    }
    const total = d.owners.reduce((s, o) => s + o.ownershipPct, 0);
    if (total > 100)
      ctx.addIssue({
        code: "custom",
        path: ["owners", 0, "ownershipPct"],
        message: "Ownership adds up to more than 100%.",
      });
    if (d.swipedPct + d.keyedPct + d.eCommercePct + d.mailOrderPct !== 100)
      ctx.addIssue({
        code: "custom",
        path: ["swipedPct"],
        message: "The four channel percentages must add up to 100.",
      });
    if (d.eCommercePct > 0 && !d.websiteAddress)
      ctx.addIssue({ code: "custom", path: ["websiteAddress"], message: "A website is required for e-commerce." });
    if (d.averageTicketAmount > d.highTicketAmount || d.averageTicketAmount > d.averageMonthlyVolume)
      ctx.addIssue({
        code: "custom",
        path: ["averageTicketAmount"],
        message: "Average ticket cannot exceed the high ticket or the monthly volume.",
      });
    if (d.ownershipTypeCd === "INDIVSOLE" && d.taxFilingMethod !== "SSN")
      ctx.addIssue({ code: "custom", path: ["taxFilingMethod"], message: "Sole proprietors file with their SSN." });
  });

export type BoardingSubmission = z.output<typeof boardingSubmitSchema>;

/** What a saved draft may hold: every field optional and loosely typed (checked on submit). */
const loose = z.string().max(500).optional();
export const boardingDraftSchema = z.object({
  dbaName: loose,
  legalBusinessName: loose,
  taxFilingName: loose,
  taxFilingMethod: loose,
  ownershipTypeCd: loose,
  taxId: loose,
  businessStartDate: loose,
  businessPhone: loose,
  websiteAddress: loose,
  merchantTimeZone: loose,
  address1: loose,
  address2: loose,
  city: loose,
  stateCd: loose,
  zip: loose,
  owners: z
    .array(
      z.object({
        firstName: loose,
        lastName: loose,
        email: loose,
        phone: loose,
        title: loose,
        dob: loose,
        ssn: loose,
        ownershipPct: loose,
      }),
    )
    .max(5)
    .optional(),
  bankName: loose,
  bankRoutingNum: loose,
  bankAcctNum: loose,
  bankAcctTypeCd: loose,
  averageMonthlyVolume: loose,
  averageTicketAmount: loose,
  highTicketAmount: loose,
  swipedPct: loose,
  keyedPct: loose,
  eCommercePct: loose,
  mailOrderPct: loose,
  pricingPlan: loose,
  equipment: z
    .array(z.object({ equipmentId: z.coerce.number().int(), quantity: z.coerce.number().int() }))
    .max(10)
    .optional(),
  gateway: loose,
});
export type BoardingDraft = z.output<typeof boardingDraftSchema>;

const id = z.string().uuid();
export const saveDraftInput = boardingDraftSchema.extend({ partnerId: id, applicationId: id.optional() });
export const submitApplicationInput = z
  .object({ partnerId: id, applicationId: id.optional() })
  .and(boardingSubmitSchema);
export const applicationRefInput = z.object({ partnerId: id, applicationId: id });

/** Masks what must never be stored: SSNs → XXX-XX-1234, bank account → ••••1234. */
export function maskDraft(d: BoardingDraft): BoardingDraft {
  const last4 = (v: string | undefined) => (v ? v.replace(/\D/g, "").slice(-4) : "");
  return {
    ...d,
    bankAcctNum: d.bankAcctNum ? `••••${last4(d.bankAcctNum)}` : d.bankAcctNum,
    owners: d.owners?.map((o) => ({ ...o, ssn: o.ssn ? `XXX-XX-${last4(o.ssn)}` : o.ssn })),
  };
}

/** Which wizard step a field belongs to (to open the step that holds an error). */
export const STEP_OF_FIELD = (field: string): number => {
  if (field.startsWith("owners")) return 1;
  if (field.startsWith("bank")) return 2;
  if (
    /^(averageMonthlyVolume|averageTicketAmount|highTicketAmount|swipedPct|keyedPct|eCommercePct|mailOrderPct)$/.test(
      field,
    )
  )
    return 3;
  if (field === "pricingPlan" || field === "gateway") return 4;
  if (field.startsWith("equipment")) return 5;
  return 0;
};
