import { describe, expect, it } from "vitest";
import { boardingSubmitSchema } from "@/lib/validations/boarding";
import {
  applicationStatusOf,
  billingFieldFor,
  fromCoPilotBillingPlan,
  parseCoPilotDateTime,
  toCoPilotBillingPlan,
  toCoPilotMerchant,
  wizardFieldFor,
} from "./transform";
import { billingPlanWire } from "./types";

const draft = {
  dbaName: "Maple",
  legalBusinessName: "Maple LLC",
  taxFilingName: "Maple LLC",
  taxFilingMethod: "EIN",
  ownershipTypeCd: "LLC",
  taxId: "123456789",
  businessStartDate: "03/15/2015",
  businessPhone: "555-201-3344",
  merchantTimeZone: "ET",
  address1: "12 Main St",
  city: "Burlington",
  stateCd: "VT",
  zip: "05401",
  owners: [
    {
      firstName: "Ann",
      lastName: "O'Neil",
      email: "ann@x.test",
      phone: "555-201-3345",
      title: "OWNER",
      dob: "04/02/1980",
      ssn: "123-45-6789",
      ownershipPct: "60",
    },
    {
      firstName: "Bo",
      lastName: "Lee",
      phone: "555-201-3346",
      title: "PARTNER",
      dob: "05/06/1982",
      ssn: "987-65-4321",
      ownershipPct: "40",
    },
  ],
  bankRoutingNum: "021000021",
  bankAcctNum: "000123456789",
  bankAcctTypeCd: "BIZ",
  averageMonthlyVolume: "20000",
  averageTicketAmount: "40",
  highTicketAmount: "500",
  swipedPct: "90",
  keyedPct: "10",
  eCommercePct: "0",
  mailOrderPct: "0",
  pricingPlan: "retail",
};

describe("wizard → CoPilot merchant", () => {
  it("maps owners, bank and processing onto CoPilot's shape", () => {
    const d = boardingSubmitSchema.parse(draft);
    const body = toCoPilotMerchant(d, 77);
    expect(body.templateId).toBe(77);
    expect(body.merchant.ownership.owner).toMatchObject({
      ownerName: "Ann O'Neil",
      ownerSSN: "123-45-6789",
      ownerDob: "04/02/1980",
    });
    expect(body.merchant.ownership.ownerOwnershipPct).toBe(60);
    expect(body.merchant.ownership.additionalOwners).toEqual([
      expect.objectContaining({ ownerFirstName: "Bo", ownerLastName: "Lee", ownershipPct: 40, ownerDob: "05/06/1982" }),
    ]);
    expect(body.merchant.bankDetail.depositBank).toEqual(body.merchant.bankDetail.withdrawalBank);
    expect(body.merchant.processing.modeOfTransaction).toEqual({
      eCommercePct: 0,
      keyedPct: 10,
      mailOrderPct: 0,
      swipedPct: 90,
    });
    expect(body.merchant.pricing).toBeDefined();
    expect(body.ownerSiteUser).toEqual({ firstName: "Ann", lastName: "O'Neil", email: "ann@x.test" });
  });

  it("keeps the template's pricing when the partner template is chosen", () => {
    const body = toCoPilotMerchant(boardingSubmitSchema.parse({ ...draft, pricingPlan: "template" }), 1);
    expect("pricing" in body.merchant).toBe(false);
  });
});

describe("CoPilot errorField → wizard field", () => {
  it.each([
    ["merchant.ownership.owner.ownerDob", "owners.0.dob"],
    ["merchant.ownership.additionalOwners[1].ownerDob", "owners.2.dob"],
    ["merchant.ownership.additionalOwners[0].ownershipPct", "owners.1.ownershipPct"],
    ["merchant.ownership.ownerOwnershipPct", "owners.0.ownershipPct"],
    ["merchant.demographic.businessPhone", "businessPhone"],
    ["merchant.demographic.businessAddress.zip", "zip"],
    ["merchant.bankDetail.withdrawalBank.bankRoutingNum", "bankRoutingNum"],
    ["merchant.processing.platformDetails.taxId", "taxId"],
    ["merchant.processing.modeOfTransaction", "swipedPct"],
    ["ownerSiteUser.email", "owners.0.email"],
    ["merchant.legalBusinessName", "legalBusinessName"],
    [null, "_form"],
    ["X-CopilotAPI-Version", "_form"],
  ])("%s → %s", (from, to) => {
    expect(wizardFieldFor(from)).toBe(to);
  });
});

describe("wizard rules match CoPilot's", () => {
  const fields = (over: Record<string, unknown>) => {
    const r = boardingSubmitSchema.safeParse({ ...draft, ...over });
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
  };
  it("refuses malformed phone, zip, routing number and channel split", () => {
    expect(fields({ businessPhone: "5552013344" })).toEqual(["businessPhone"]);
    expect(fields({ zip: "0540" })).toEqual(["zip"]);
    expect(fields({ bankRoutingNum: "021000022" })).toEqual(["bankRoutingNum"]);
    expect(fields({ keyedPct: "20" })).toEqual(["swipedPct"]);
    expect(fields({ eCommercePct: "10", swipedPct: "80" })).toEqual(["websiteAddress"]);
  });
  it("refuses a masked SSN (saved drafts hold only the last four) and ownership above 100%", () => {
    expect(fields({ owners: [{ ...draft.owners[0], ssn: "XXX-XX-6789" }] })).toEqual(["owners.0.ssn"]);
    expect(fields({ owners: [draft.owners[0], { ...draft.owners[1], ownershipPct: "41" }] })).toEqual([
      "owners.0.ownershipPct",
    ]);
  });
  it("sole proprietors file with their SSN", () => {
    expect(fields({ ownershipTypeCd: "INDIVSOLE" })).toEqual(["taxFilingMethod"]);
  });
});

describe("status mapping", () => {
  it("reads CoPilot's datetimes and statuses", () => {
    expect(parseCoPilotDateTime("11/21/2026 03:04:05 PM")?.toISOString()).toBe("2026-11-21T15:04:05.000Z");
    expect(parseCoPilotDateTime("11/21/2026 12:00:00 AM")?.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    const s = {
      signatureStatus: null,
      signatureUrl: null,
      frontEndMid: null,
      approvedAt: null,
      declinedAt: null,
      boardedAt: null,
      liveAt: null,
    };
    expect(applicationStatusOf({ ...s, boardingStatus: "OFS" })).toBe("signature_sent");
    expect(applicationStatusOf({ ...s, boardingStatus: "OFS", signatureStatus: "SIGNED" })).toBe("signed");
    expect(applicationStatusOf({ ...s, boardingStatus: "LIVE" })).toBe("live");
  });
});

describe("billing plans wire mapping", () => {
  it("writes CoPilot's create body: dollars, MMDDYYYY dates, timeSpan code, email_receipt option", () => {
    const body = toCoPilotBillingPlan({
      merchId: "496160873888",
      profileId: "12345678901234567890",
      acctId: "1",
      name: "Rent",
      amountCents: 123456,
      interval: "weekly",
      every: 2,
      startDate: "2026-12-01",
      until: { kind: "date", date: "2027-03-31" },
      emailReceipt: false,
    });
    expect(body.billingPlan).toEqual({
      merchId: "496160873888",
      profileId: "12345678901234567890",
      acctId: "1",
      amount: 1234.56,
      timeSpan: 2,
      every: 2,
      untilCondition: "D",
      untilDate: "03312027",
      currencySymbol: "$",
      startDate: "12012026",
      billingPlanName: "Rent",
      options: [{ name: "email_receipt", value: "0" }],
    });
  });

  it("reads plans and schedules into cents and ISO dates", () => {
    const plan = fromCoPilotBillingPlan(
      billingPlanWire.parse({
        billingPlanId: "42",
        merchId: "496160873888",
        profileId: "12345678901234567890",
        acctId: "2",
        amount: 0.1 + 0.2,
        timeSpan: 3,
        every: 1,
        untilCondition: "N",
        untilNumPayments: 2,
        startDate: "01312027",
        billingPlanName: "Lease",
        options: [{ name: "email_receipt", value: "1" }],
        planStatus: "F",
        schedules: [
          {
            billingPlanScheduleId: 7,
            scheduledAmount: 0.3,
            scheduledPaymentDate: "02/28/2027",
            paymentStatus: "Paid",
            actualAmount: 0.3,
            actualPaymentDate: "02/28/2027",
            retref: "1",
          },
        ],
      }),
    );
    expect(plan).toMatchObject({
      id: "42",
      amountCents: 30,
      interval: "monthly",
      until: { kind: "payments", count: 2 },
      status: "finished",
      emailReceipt: true,
      startDate: "2027-01-31",
    });
    expect(plan.payments).toEqual([
      {
        id: "7",
        scheduledDate: "2027-02-28",
        scheduledCents: 30,
        status: "paid",
        paidCents: 30,
        paidDate: "2027-02-28",
        retref: "1",
      },
    ]);
  });

  it.each([
    ["billingPlan.startDate", "startDate"],
    ["billingPlan.untilNumPayments", "untilCount"],
    ["billingPlan.profileId", "customerId"],
    ["billingPlanId", "_form"],
    [null, "_form"],
  ])("billing errorField %s → %s", (from, to) => {
    expect(billingFieldFor(from)).toBe(to);
  });
});
