import type { Checker } from "./checker";
import { lookupCodes } from "./lookups";

/**
 * Processing, pricing and fee rules: platform and program codes from the lookup lists, volumes
 * and percentages that make sense together (a payments underwriter would bounce the rest).
 */

type Obj = Record<string, unknown>;
const P = "merchant.processing";

function percentages(c: Checker, o: Obj | undefined, keys: string[], path: string, code: string, label: string) {
  if (!o) return;
  const vals = keys.map((k) => Number(o[k] ?? 0));
  if (vals.some((v) => !Number.isFinite(v) || v < 0 || v > 100) || vals.reduce((a, b) => a + b, 0) !== 100)
    c.add(code, `${label} percentages must add up to 100.`, path);
}

function amount(c: Checker, o: Obj | undefined, key: string, path: string): number | undefined {
  const v = o?.[key];
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    c.add("1133", `${key} must be a non-negative amount.`, path);
    return undefined;
  }
  return n;
}

export function processing(c: Checker, m: Obj) {
  const pr = c.obj(m, "processing", P);
  const mode = c.obj(pr, "modeOfTransaction", `${P}.modeOfTransaction`);
  percentages(
    c,
    mode,
    ["eCommercePct", "keyedPct", "mailOrderPct", "swipedPct"],
    `${P}.modeOfTransaction`,
    "1122",
    "Mode of transaction",
  );
  const web = (m.demographic as Obj | undefined)?.websiteAddress;
  if (mode && Number(mode.eCommercePct ?? 0) > 0 && !web)
    c.add(
      "1121",
      "Website address is required when eCommercePct is greater than 0.",
      "merchant.demographic.websiteAddress",
    );
  const delivery = c.obj(pr, "deliveryPercentages", `${P}.deliveryPercentages`);
  percentages(
    c,
    delivery,
    ["dlvrySameDayPct", "dlvry0To7DaysPct", "dlvry8To14DaysPct", "dlvry15To30DaysPct", "dlvryOver30DaysPct"],
    `${P}.deliveryPercentages`,
    "1134",
    "Delivery",
  );

  const pd = c.obj(pr, "platformDetails", `${P}.platformDetails`);
  const taxId = c.text(pd, "taxId", `${P}.platformDetails.taxId`);
  if (taxId !== undefined && !/^\d{9}$/.test(taxId.replace("-", "")))
    c.add("1130", "Tax ID is invalid.  Please use 9 digits.", `${P}.platformDetails.taxId`);
  const mcc = c.text(pd, "mccId", `${P}.platformDetails.mccId`);
  if (mcc !== undefined && !/^\d{4}$/.test(mcc))
    c.add("1131", "MCC is invalid.  Please use 4 digits.", `${P}.platformDetails.mccId`);
  const codes: [string, string, string][] = [
    ["backEndPlatformCd", "backEndPlatformCodes", "Back-end platform"],
    ["frontEndPlatformCd", "frontEndPlatformCodes", "Front-end platform"],
    ["amexProgramAssetCd", "amexProgramAssetCodes", "Amex program"],
    ["discoverProgramCd", "discoverProgramCodes", "Discover program"],
  ];
  for (const [k, list, label] of codes) c.code(pd, k, `${P}.platformDetails.${k}`, lookupCodes(list), "1135", label);
  const currency = c.text(pd, "currencyCode", `${P}.platformDetails.currencyCode`);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    c.add("1136", "Currency code must be 3 capital letters (ISO 4217).", `${P}.platformDetails.currencyCode`);

  const bd = c.obj(pr, "businessDetails", `${P}.businessDetails`);
  const bdCodes: [string, string][] = [
    ["whenCustomerChargedCd", "whenCustomerChargedCodes"],
    ["refundPolicyCd", "refundPolicyCodes"],
    ["serviceProvidedInCd", "serviceProvidedInCodes"],
  ];
  for (const [k, list] of bdCodes) c.code(bd, k, `${P}.businessDetails.${k}`, lookupCodes(list), "1135", k);

  const vol = c.obj(pr, "volumeDetails", `${P}.volumeDetails`);
  const monthly = amount(c, vol, "averageMonthlyVolume", `${P}.volumeDetails.averageMonthlyVolume`);
  const high = amount(c, vol, "highTicketAmount", `${P}.volumeDetails.highTicketAmount`);
  const avg = amount(c, vol, "averageTicketAmount", `${P}.volumeDetails.averageTicketAmount`);
  if (avg !== undefined && high !== undefined && avg > high)
    c.add(
      "1137",
      "The average ticket cannot be larger than the high ticket.",
      `${P}.volumeDetails.averageTicketAmount`,
    );
  if (avg !== undefined && monthly !== undefined && avg > monthly && monthly > 0)
    c.add(
      "1137",
      "The average ticket cannot be larger than the monthly volume.",
      `${P}.volumeDetails.averageTicketAmount`,
    );

  const pricing = c.obj(m, "pricing", "merchant.pricing");
  const ic = c.obj(pricing, "icPlusPricing", "merchant.pricing.icPlusPricing");
  c.code(
    ic,
    "interchangeTypeCode",
    "merchant.pricing.icPlusPricing.interchangeTypeCode",
    lookupCodes("interchangeTypeCodes"),
    "1135",
    "Interchange type",
  );
  const fees = c.obj(m, "fees", "merchant.fees");
  c.code(fees, "pciProgramCd", "merchant.fees.pciProgramCd", lookupCodes("pciProgramCodes"), "1123", "PCI program");
  const clover = c.obj(m, "cloverSecurityAndTransarmor", "merchant.cloverSecurityAndTransarmor");
  c.code(
    clover,
    "cloverSecurityBundleCd",
    "merchant.cloverSecurityAndTransarmor.cloverSecurityBundleCd",
    lookupCodes("cloverSecurityBundleCodes"),
    "1135",
    "Clover security bundle",
  );
  c.code(
    clover,
    "transarmorTokenTypeCd",
    "merchant.cloverSecurityAndTransarmor.transarmorTokenTypeCd",
    lookupCodes("transarmorTokenTypeCodes"),
    "1135",
    "TransArmor token type",
  );
}
