import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";

/** The portal origin of tests/helpers/portal-origin.ts (APP_URL points at it), recording the calls it answers. */
export async function serveBoardingOrigin(): Promise<Served & { calls: string[] }> {
  const calls: string[] = [];
  return Object.assign(await servePortalOrigin({ calls }), { calls });
}

export async function control(origin: string, path: string, body: unknown) {
  const res = await fetch(`${origin}/sandbox/copilot/_control/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A valid application (the wizard's values), with a principal owner and one additional owner. */
export function application(overrides: Record<string, unknown> = {}) {
  return {
    dbaName: "Maple Bakery",
    legalBusinessName: "Maple Bakery LLC",
    taxFilingName: "Maple Bakery LLC",
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
        firstName: "Maple",
        lastName: "Owner",
        email: `maple-${Math.random().toString(36).slice(2, 8)}@owner.test`,
        phone: "555-201-3345",
        title: "OWNER",
        dob: "04/02/1980",
        ssn: "123-45-6789",
        ownershipPct: "60",
      },
      {
        firstName: "Second",
        lastName: "Partner",
        phone: "555-201-3346",
        title: "PARTNER",
        dob: "05/06/1982",
        ssn: "987-65-4321",
        ownershipPct: "40",
      },
    ],
    bankName: "First Bank",
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
    pricingPlan: "template",
    equipment: [{ equipmentId: 10003, quantity: 1 }],
    gateway: "cardpointe",
    ...overrides,
  };
}
