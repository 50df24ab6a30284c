import { fieldError, isObject, type CoPilotError } from "./http";

type Obj = Record<string, unknown>;

/** What CoPilot needs before it creates a merchant (the guide's minimal create). */
const REQUIRED_ON_CREATE = [
  "dbaName",
  "legalBusinessName",
  "taxFilingName",
  "taxFilingMethod",
  "demographic.businessAddress.address1",
  "demographic.businessAddress.city",
  "demographic.businessAddress.stateCd",
  "demographic.businessAddress.zip",
  "ownership.owner.ownerName",
  "ownership.owner.ownerEmail",
  "ownership.owner.ownerPhone",
  "ownership.owner.ownerTitle",
  "bankDetail.depositBank.bankAcctNum",
  "bankDetail.depositBank.bankRoutingNum",
  "bankDetail.depositBank.bankAcctTypeCd",
];

/** What the e-signature needs on top: the signer attests to these, so they must be there. */
const REQUIRED_FOR_SIGNATURE = [
  ...REQUIRED_ON_CREATE,
  "ownership.owner.ownerDob",
  "ownership.owner.ownerSSN",
  "ownership.ownershipTypeCd",
  "demographic.businessPhone",
  "processing.platformDetails.taxId",
];

export function missingFields(m: Obj, stage: "create" | "signature"): CoPilotError[] {
  const list = stage === "create" ? REQUIRED_ON_CREATE : REQUIRED_FOR_SIGNATURE;
  return list
    .filter((path) => {
      const v = path.split(".").reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), m);
      return v === undefined || v === null || v === "";
    })
    .map((path) => fieldError("1100", `${path.split(".").pop()} is required.`, `merchant.${path}`));
}
