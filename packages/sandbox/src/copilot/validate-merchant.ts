import { Checker } from "./checker";
import { processing } from "./validate-processing";
import { fieldError, isObject, type CoPilotError } from "./http";
import {
  ageOn,
  isBankAccountNumber,
  isOwnerName,
  isRoutingNumber,
  isSsn,
  isTaxFilingName,
  isZip,
  parseUsDate,
  toUtcDate,
} from "./formats";
import { lookupCodes } from "./lookups";
import { SEALED_PREFIX } from "./sensitive";

/**
 * Field-by-field validation of a merchant application with CoPilot's codes. 1105, 1113, 1115 and
 * 1178 are the documented ones; the others are the sandbox's own, listed in docs/sandbox/copilot.md.
 * Every failing field is reported (CoPilot returns several errors at once).
 */

type Obj = Record<string, unknown>;

const OWNER_TITLES = new Set([
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
]);
const TIME_ZONES = new Set(["ET", "CT", "MT", "PT", "HST", "AKST"]);

function address(c: Checker, a: Obj | undefined, path: string) {
  if (!a) return;
  c.maxLen(a, "address1", `${path}.address1`, 200);
  c.maxLen(a, "address2", `${path}.address2`, 200);
  c.maxLen(a, "city", `${path}.city`, 300);
  const country = c.code(a, "countryCd", `${path}.countryCd`, lookupCodes("countryCodes"), "1110", "Country");
  if (!country || country === "US") {
    c.code(a, "stateCd", `${path}.stateCd`, lookupCodes("stateCodes"), "1108", "State");
    const zip = c.text(a, "zip", `${path}.zip`);
    if (zip !== undefined && !isZip(zip))
      c.add("1109", "Zip code is invalid.  Please use 5 or 9 digits.", `${path}.zip`);
  } else {
    c.maxLen(a, "zip", `${path}.zip`, 15);
  }
}

function dob(c: Checker, o: Obj | undefined, key: string, path: string) {
  const v = c.text(o, key, path);
  if (v === undefined) return;
  const d = parseUsDate(v);
  if (!d) return c.add("1113", "Owner date of birth is invalid.  Please use MM/DD/YYYY format.", path);
  const age = ageOn(d, c.today);
  if (age < 18) c.add("1113", "Owner date of birth is invalid.  The owner must be at least 18 years old.", path);
  else if (age > 120) c.add("1113", "Owner date of birth is invalid.  Please check the year.", path);
}

function ssn(c: Checker, o: Obj | undefined, key: string, path: string) {
  const v = c.text(o, key, path);
  // A value read back from the sandbox is sealed; sending it back unchanged keeps it.
  if (v !== undefined && !v.startsWith(SEALED_PREFIX) && !isSsn(v))
    c.add("1112", "SSN is invalid.  Please use XXX-XX-XXXX format.", path);
}

function ownership(c: Checker, m: Obj) {
  const own = c.obj(m, "ownership", "merchant.ownership");
  if (!own) return;
  const p = "merchant.ownership";
  const owner = c.obj(own, "owner", `${p}.owner`);
  if (owner) {
    const name = c.text(owner, "ownerName", `${p}.owner.ownerName`);
    if (name !== undefined && !isOwnerName(name))
      c.add("1106", "Owner name is invalid.  Please provide first and last name only.", `${p}.owner.ownerName`);
    c.email(owner, "ownerEmail", `${p}.owner.ownerEmail`);
    dob(c, owner, "ownerDob", `${p}.owner.ownerDob`);
    c.phone(owner, "ownerPhone", `${p}.owner.ownerPhone`);
    c.phone(owner, "ownerMobilePhone", `${p}.owner.ownerMobilePhone`);
    ssn(c, owner, "ownerSSN", `${p}.owner.ownerSSN`);
    const title = c.text(owner, "ownerTitle", `${p}.owner.ownerTitle`);
    if (title !== undefined && !OWNER_TITLES.has(title.toUpperCase()))
      c.add("1114", `Owner title '${title}' is not a valid owner title.`, `${p}.owner.ownerTitle`);
    address(c, c.obj(owner, "ownerAddress", `${p}.owner.ownerAddress`), `${p}.owner.ownerAddress`);
  }
  const type = c.code(
    own,
    "ownershipTypeCd",
    `${p}.ownershipTypeCd`,
    lookupCodes("ownershipTypes"),
    "1111",
    "Ownership type",
  );
  c.maxLen(own, "stockSymbol", `${p}.stockSymbol`, 10);
  c.maxLen(own, "driversLicenseNumber", `${p}.driversLicenseNumber`, 100);
  c.code(
    own,
    "driversLicenseStateCd",
    `${p}.driversLicenseStateCd`,
    lookupCodes("stateCodes"),
    "1125",
    "Driver's license state",
  );
  let total = c.pct(own, "ownerOwnershipPct", `${p}.ownerOwnershipPct`) ?? 0;
  const extra = own.additionalOwners;
  if (extra !== undefined && extra !== null && !Array.isArray(extra))
    c.add("1002", "additionalOwners must be an array.", `${p}.additionalOwners`);
  if (Array.isArray(extra)) {
    extra.forEach((raw, i) => {
      const ap = `${p}.additionalOwners[${i}]`;
      if (!isObject(raw)) return c.add("1002", "Each additional owner must be an object.", ap);
      for (const k of ["ownerFirstName", "ownerLastName"]) {
        const v = c.text(raw, k, `${ap}.${k}`);
        if (v !== undefined && (v.length > 100 || !/^[A-Za-z][A-Za-z' -]*$/.test(v)))
          c.add("1126", `${k} must be letters only and 100 characters or fewer.`, `${ap}.${k}`);
      }
      c.phone(raw, "ownerPhone", `${ap}.ownerPhone`);
      ssn(c, raw, "ownerSSN", `${ap}.ownerSSN`);
      dob(c, raw, "ownerDob", `${ap}.ownerDob`);
      address(c, c.obj(raw, "ownerAddress", `${ap}.ownerAddress`), `${ap}.ownerAddress`);
      total += c.pct(raw, "ownershipPct", `${ap}.ownershipPct`) ?? 0;
    });
  }
  if (total > 100)
    c.add("1116", "The total ownership percentage of all owners cannot exceed 100.", `${p}.ownerOwnershipPct`);
  const method = c.text(m, "taxFilingMethod", "merchant.taxFilingMethod");
  if (type === "INDIVSOLE" && method !== undefined && method !== "SSN")
    c.add("1103", "Tax filing method must be SSN when the ownership type is INDIVSOLE.", "merchant.taxFilingMethod");
}

function bank(c: Checker, m: Obj) {
  const bd = c.obj(m, "bankDetail", "merchant.bankDetail");
  if (!bd) return;
  for (const which of ["depositBank", "withdrawalBank"]) {
    const p = `merchant.bankDetail.${which}`;
    const b = c.obj(bd, which, p);
    if (!b) continue;
    const acct = c.text(b, "bankAcctNum", `${p}.bankAcctNum`);
    if (acct !== undefined && !acct.startsWith(SEALED_PREFIX) && !isBankAccountNumber(acct))
      c.add("1118", "Bank account number is invalid.  Please use 4 to 17 digits.", `${p}.bankAcctNum`);
    const aba = c.text(b, "bankRoutingNum", `${p}.bankRoutingNum`);
    if (aba !== undefined && !isRoutingNumber(aba))
      c.add("1117", "Bank routing number is invalid.", `${p}.bankRoutingNum`);
    c.code(b, "bankAcctTypeCd", `${p}.bankAcctTypeCd`, lookupCodes("bankAcctTypes"), "1119", "Bank account type");
    c.maxLen(b, "bankName", `${p}.bankName`, 200);
  }
}

export function validateMerchant(m: Obj, today: Date): CoPilotError[] {
  const c = new Checker(today);
  for (const k of ["salesCode", "salesCodes"]) c.maxLen(m, k, `merchant.${k}`, 25);
  c.maxLen(m, "dbaName", "merchant.dbaName", 100, "1101");
  const legal = c.text(m, "legalBusinessName", "merchant.legalBusinessName");
  if (legal !== undefined && legal.length > 500)
    c.add("1105", "Legal business name must be 500 characters or fewer.", "merchant.legalBusinessName");
  const aka = c.text(m, "akaBusinessName", "merchant.akaBusinessName");
  if (aka !== undefined && aka.length > 200)
    c.add("1178", "AKA business name must be 200 characters or fewer.", "merchant.akaBusinessName");
  const tfn = c.text(m, "taxFilingName", "merchant.taxFilingName");
  if (tfn !== undefined && !isTaxFilingName(tfn))
    c.add("1102", "Tax filing name may contain only letters, digits, spaces, & and -.", "merchant.taxFilingName");
  const method = c.text(m, "taxFilingMethod", "merchant.taxFilingMethod");
  if (method !== undefined && method !== "EIN" && method !== "SSN")
    c.add("1103", "Tax filing method must be EIN or SSN.", "merchant.taxFilingMethod");
  const start = c.text(m, "businessStartDate", "merchant.businessStartDate");
  if (start !== undefined) {
    const d = parseUsDate(start);
    if (!d || toUtcDate(d) > today)
      c.add(
        "1104",
        "Business start date is invalid.  Please use MM/DD/YYYY format (not in the future).",
        "merchant.businessStartDate",
      );
  }
  const idType = c.text(m, "businessIdTypeCd", "merchant.businessIdTypeCd");
  if (idType !== undefined && idType !== "ARTICLE" && idType !== "GOVT")
    c.add("1132", "Business ID type must be ARTICLE or GOVT.", "merchant.businessIdTypeCd");

  const demo = c.obj(m, "demographic", "merchant.demographic");
  if (demo) {
    c.code(
      demo,
      "businessIncorporatedStateCd",
      "merchant.demographic.businessIncorporatedStateCd",
      lookupCodes("stateCodes"),
      "1108",
      "State",
    );
    const tz = c.text(demo, "merchantTimeZone", "merchant.demographic.merchantTimeZone");
    if (tz !== undefined && !TIME_ZONES.has(tz))
      c.add("1120", "Merchant time zone is invalid.", "merchant.demographic.merchantTimeZone");
    c.maxLen(demo, "websiteAddress", "merchant.demographic.websiteAddress", 200);
    c.phone(demo, "businessPhone", "merchant.demographic.businessPhone");
    c.phone(demo, "businessFax", "merchant.demographic.businessFax");
    for (const k of ["businessAddress", "mailingAddress"])
      address(c, c.obj(demo, k, `merchant.demographic.${k}`), `merchant.demographic.${k}`);
  }
  ownership(c, m);
  bank(c, m);
  const contact = c.obj(m, "merchantContactInfo", "merchant.merchantContactInfo");
  c.maxLen(contact, "contactName", "merchant.merchantContactInfo.contactName", 200);
  c.email(contact, "contactEmail", "merchant.merchantContactInfo.contactEmail");
  c.phone(contact, "contactPhone", "merchant.merchantContactInfo.contactPhone");
  processing(c, m);
  const cf = m.customFields;
  if (Array.isArray(cf)) cf.forEach((f, i) => customField(c, f, `merchant.customFields[${i}]`));
  return c.errors;
}

export function customField(c: { add(code: string, message: string, field: string): void }, f: unknown, path: string) {
  const n = isObject(f) ? Number(f.userFieldNumber) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 10)
    c.add("1128", "userFieldNumber must be a number between 1 and 10.", `${path}.userFieldNumber`);
}

export function validateOwnerSiteUser(u: unknown, path = "ownerSiteUser"): CoPilotError[] {
  if (u === undefined || u === null) return [];
  if (!isObject(u)) return [fieldError("1002", "ownerSiteUser must be an object.", path)];
  const c = new Checker(new Date());
  for (const k of ["firstName", "lastName"]) c.maxLen(u, k, `${path}.${k}`, 300);
  c.email(u, "email", `${path}.email`);
  return c.errors;
}
