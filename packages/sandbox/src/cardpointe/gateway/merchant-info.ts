import type { Queryable } from "../db";
import { brandOfBin, productOf } from "../cards";
import type { Merchant } from "../merchants";
import { detokenize, looksLikeToken } from "../vault";

export function inquireMerchant(m: Merchant) {
  return {
    merchid: m.merchid,
    site: m.site,
    enabled: true,
    cardproc: m.processor,
    echeck: "Y",
    avs: "Y",
    cvv: "Y",
    acctupdater: "N",
    fee_type: "N",
    fee_format: "flat",
    fee_value: "0",
    fee_merchid: "",
  };
}

/** BIN details of a token (Visa/MC get the full record, other brands country/product/bin only). */
export async function binInfo(q: Queryable, m: Merchant, token: string) {
  const found = looksLikeToken(token) ? await detokenize(m, token, q) : undefined;
  if (!found || found.kind !== "card") return { errormsg: "Invalid token", success: false };
  const bin = found.first6;
  const brand = brandOfBin(bin);
  const product = productOf(brand);
  const base = { country: "USA", product, bin };
  if (brand !== "VISA" && brand !== "MC") return base;
  const prepaid = bin === "438775";
  return {
    ...base,
    cardusestring: `${brand === "VISA" ? "Visa" : "MasterCard"} ${prepaid ? "Prepaid" : "Credit"}`,
    gsa: false,
    corporate: false,
    fsa: false,
    subtype: prepaid ? "Prepaid" : "Credit",
    purchase: false,
    prepaid,
    issuer: "SANDBOX BANK, N.A.",
    binlo: `${bin}000`,
    binhi: `${bin}999`,
  };
}
