import type { BoardingDraft } from "@/lib/validations/boarding";

export type Owner = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  dob: string;
  ssn: string;
  ownershipPct: string;
};

export type Values = Omit<Required<{ [K in keyof BoardingDraft]: string }>, "owners" | "equipment"> & {
  owners: Owner[];
  equipment: Record<string, string>;
};

export const emptyOwner = (): Owner => ({
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  title: "OWNER",
  dob: "",
  ssn: "",
  ownershipPct: "",
});

export function initialValues(d: BoardingDraft | null): Values {
  const s = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);
  const owners = d?.owners?.length
    ? d.owners.map((o) => ({ ...emptyOwner(), ...Object.fromEntries(Object.entries(o).map(([k, v]) => [k, s(v)])) }))
    : [{ ...emptyOwner(), ownershipPct: "100" }];
  return {
    dbaName: s(d?.dbaName),
    legalBusinessName: s(d?.legalBusinessName),
    taxFilingName: s(d?.taxFilingName),
    taxFilingMethod: s(d?.taxFilingMethod, "EIN"),
    ownershipTypeCd: s(d?.ownershipTypeCd, "LLC"),
    taxId: s(d?.taxId),
    businessStartDate: s(d?.businessStartDate),
    businessPhone: s(d?.businessPhone),
    websiteAddress: s(d?.websiteAddress),
    merchantTimeZone: s(d?.merchantTimeZone, "ET"),
    address1: s(d?.address1),
    address2: s(d?.address2),
    city: s(d?.city),
    stateCd: s(d?.stateCd),
    zip: s(d?.zip),
    owners: owners as Owner[],
    bankName: s(d?.bankName),
    bankRoutingNum: s(d?.bankRoutingNum),
    bankAcctNum: s(d?.bankAcctNum),
    bankAcctTypeCd: s(d?.bankAcctTypeCd, "BIZ"),
    averageMonthlyVolume: s(d?.averageMonthlyVolume),
    averageTicketAmount: s(d?.averageTicketAmount),
    highTicketAmount: s(d?.highTicketAmount),
    swipedPct: s(d?.swipedPct, "100"),
    keyedPct: s(d?.keyedPct, "0"),
    eCommercePct: s(d?.eCommercePct, "0"),
    mailOrderPct: s(d?.mailOrderPct, "0"),
    pricingPlan: s(d?.pricingPlan, "template"),
    gateway: s(d?.gateway, "cardpointe"),
    equipment: Object.fromEntries((d?.equipment ?? []).map((e) => [String(e.equipmentId), String(e.quantity)])),
  };
}

/** The payload both actions take: equipment as lines with a quantity. */
export function toPayload(v: Values) {
  const equipment = Object.entries(v.equipment)
    .filter(([, q]) => Number(q) > 0)
    .map(([equipmentId, quantity]) => ({ equipmentId: Number(equipmentId), quantity: Number(quantity) }));
  return { ...v, equipment };
}
