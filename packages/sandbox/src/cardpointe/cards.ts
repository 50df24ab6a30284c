import { luhnValid } from "../luhn";
import { type ProcessorResult, RPCT_CODES } from "./rpct-codes";

export type { ProcessorResult };

/**
 * Card facts the emulator needs: brand rules, Luhn, and the documented UAT test data
 * (services.md §1.7: per-brand test cards, AVS/CVV triggers, timeout and partial-auth cards).
 */

export type Brand = "VISA" | "MC" | "AMEX" | "DISC" | "DINERS" | "JCB";

export { luhnValid };

export function brandOf(pan: string): Brand | undefined {
  const n = pan.length;
  const p2 = Number(pan.slice(0, 2));
  const p3 = Number(pan.slice(0, 3));
  const p4 = Number(pan.slice(0, 4));
  const p6 = Number(pan.slice(0, 6));
  if (pan.startsWith("4") && (n === 16 || n === 13 || n === 19)) return "VISA";
  if (((p2 >= 51 && p2 <= 55) || (p6 >= 222100 && p6 <= 272099)) && n === 16) return "MC";
  if ((p2 === 34 || p2 === 37) && n === 15) return "AMEX";
  if ((p4 === 6011 || p3 === 622 || (p3 >= 644 && p3 <= 659)) && n === 16) return "DISC";
  if ((p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) && n === 14) return "DINERS";
  if (p2 === 35 && n === 16) return "JCB";
  return undefined;
}

/** Brand from the first six digits alone (the only digits kept beside a token). */
export function brandOfBin(first6: string): Brand | undefined {
  for (const len of [16, 15, 14]) {
    const b = brandOf(first6 + "0".repeat(len - first6.length));
    if (b) return b;
  }
  return undefined;
}

/** BIN `product` letter (A Amex, D Discover, M Mastercard, N none/other, V Visa). */
export function productOf(brand: Brand | undefined): "A" | "D" | "M" | "N" | "V" {
  switch (brand) {
    case "VISA":
      return "V";
    case "MC":
      return "M";
    case "AMEX":
      return "A";
    case "DISC":
      return "D";
    default:
      return "N";
  }
}

export function maskPan(pan: string): string {
  if (pan.length <= 10) return "*".repeat(pan.length);
  return pan.slice(0, 6) + "*".repeat(pan.length - 10) + pan.slice(-4);
}

/**
 * First Data North (FNOR) response codes — the processor the UAT test MID is boarded to
 * (GatewayResponseCodes.md, FNOR table). Codes with letters cannot be reached by amount.
 */
export const FNOR_CODES: readonly (ProcessorResult & { respcode: string })[] = [
  { respcode: "00", respstat: "A", resptext: "Approval" },
  { respcode: "10", respstat: "A", resptext: "Partial Approval" },
  { respcode: "76", respstat: "A", resptext: "Reversed" },
  { respcode: "85", respstat: "A", resptext: "Validated" },
  { respcode: "01", respstat: "C", resptext: "Refer to issuer" },
  { respcode: "03", respstat: "C", resptext: "Invalid merchant" },
  { respcode: "05", respstat: "C", resptext: "Do not honor" },
  { respcode: "12", respstat: "C", resptext: "Invalid transaction" },
  { respcode: "13", respstat: "C", resptext: "Invalid amount" },
  { respcode: "14", respstat: "C", resptext: "Invalid card number" },
  { respcode: "25", respstat: "C", resptext: "Invalid terminal" },
  { respcode: "28", respstat: "B", resptext: "Please retry" },
  { respcode: "51", respstat: "C", resptext: "Declined" },
  { respcode: "54", respstat: "C", resptext: "Wrong expiration" },
  { respcode: "55", respstat: "C", resptext: "Incorrect pin" },
  { respcode: "57", respstat: "C", resptext: "Invalid txn for card" },
  { respcode: "60", respstat: "C", resptext: "Declined" },
  { respcode: "61", respstat: "C", resptext: "Exceeds withdrawal limit" },
  { respcode: "63", respstat: "C", resptext: "Service not allowed" },
  { respcode: "69", respstat: "C", resptext: "Host key error" },
  { respcode: "75", respstat: "C", resptext: "Pin try exceeded" },
  { respcode: "89", respstat: "C", resptext: "Invalid Term ID" },
  { respcode: "91", respstat: "B", resptext: "System error" },
  { respcode: "94", respstat: "C", resptext: "Duplicate tran" },
  { respcode: "1A", respstat: "C", resptext: "Need addl authentication" },
  { respcode: "1B", respstat: "C", resptext: "Need PIN data" },
  { respcode: "C2", respstat: "C", resptext: "CVV decline" },
  { respcode: "CE", respstat: "C", resptext: "System problem" },
  { respcode: "N3", respstat: "C", resptext: "Invalid Account" },
  { respcode: "NG", respstat: "C", resptext: "Reversal rejected" },
  { respcode: "NH", respstat: "C", resptext: "Enter lesser amt" },
  { respcode: "NI", respstat: "C", resptext: "Pin decrypt error" },
  { respcode: "NK", respstat: "C", resptext: "Crypto box offline" },
  { respcode: "NL", respstat: "B", resptext: "Debit switch down" },
  { respcode: "NM", respstat: "C", resptext: "Issuer unavailable" },
  { respcode: "NN", respstat: "C", resptext: "Bad debit card" },
  { respcode: "NP", respstat: "C", resptext: "Bad debit merchant" },
  { respcode: "NQ", respstat: "C", resptext: "Tran limit exceeded" },
  { respcode: "NR", respstat: "C", resptext: "Tran freq exceeded" },
  { respcode: "NS", respstat: "C", resptext: "Error decrypting pin" },
  { respcode: "NU", respstat: "C", resptext: "Insufficient funds" },
  { respcode: "RW", respstat: "C", resptext: "Reversal outside window" },
];

const FNOR_BY_CODE = new Map(FNOR_CODES.map((r) => [r.respcode, r]));
const RPCT_BY_CODE = new Map(RPCT_CODES.map((r) => [r.respcode, r]));

/** Processors a sandbox MID can be boarded to (UAT test MIDs are FNOR; RPCT on request). */
export type Processor = "FNOR" | "RPCT";
export const PROCESSORS: readonly Processor[] = ["FNOR", "RPCT"];

export function code(processor: Processor, respcode: string): ProcessorResult {
  const r = (processor === "RPCT" ? RPCT_BY_CODE : FNOR_BY_CODE).get(respcode);
  if (!r) throw new Error(`unknown ${processor} code ${respcode}`);
  return r;
}

export function fnor(respcode: string): ProcessorResult {
  return code("FNOR", respcode);
}

/** Named outcomes in each processor's own codes. */
const OUTCOMES = {
  approval: { FNOR: "00", RPCT: "000" },
  partial: { FNOR: "10", RPCT: "002" },
  referToIssuer: { FNOR: "01", RPCT: "107" },
  doNotHonor: { FNOR: "05", RPCT: "100" },
  wrongExpiration: { FNOR: "54", RPCT: "101" },
  insufficientFunds: { FNOR: "NU", RPCT: "500" },
  invalidCard: { FNOR: "14", RPCT: "131" },
} as const;
export type Outcome = keyof typeof OUTCOMES;

export function outcome(processor: Processor, name: Outcome): ProcessorResult {
  return code(processor, OUTCOMES[name][processor]);
}

/** The rows of the FNOR table an amount can select: whole dollars 1000 + code (numeric codes only). */
export const AMOUNT_DRIVEN_ROWS = FNOR_CODES.filter((r) => /^\d{2}$/.test(r.respcode)).map((r) => ({
  ...r,
  dollars: 1000 + Number(r.respcode),
}));

/** RPCT rows an amount can select ($1001–$1999: every code but 000). */
export const RPCT_AMOUNT_DRIVEN_ROWS = RPCT_CODES.filter((r) => r.respcode !== "000").map((r) => ({
  ...r,
  dollars: 1000 + Number(r.respcode),
}));

/**
 * UAT amount-driven response: a whole-dollar part in $1000–$1999 (RPCT: $1001–$1999) names the response code
 * by its last three digits (two-digit codes padded with a leading 0). Amounts naming a code the processor
 * does not have are processed normally.
 */
export function amountDriven(amountMinor: number, processor: Processor = "FNOR"): ProcessorResult | undefined {
  const dollars = Math.floor(amountMinor / 100);
  if (dollars < 1000 || dollars > 1999) return undefined;
  const last3 = String(dollars).slice(-3);
  if (processor === "RPCT") return last3 === "000" ? undefined : RPCT_BY_CODE.get(last3);
  if (!last3.startsWith("0")) return undefined;
  return FNOR_BY_CODE.get(last3.slice(1));
}

export type TestCard = { approve: true; authcode: string } | { approve: false; outcome: Outcome };

const decline = (o: Outcome): TestCard => ({ approve: false, outcome: o });
const approve = (authcode: string): TestCard => ({ approve: true, authcode });

/** Per-brand UAT test cards. */
export const TEST_CARDS: Record<string, TestCard> = {
  "4788250000121443": approve("PPS009"),
  "4387751111111020": decline("referToIssuer"),
  "4387751111111038": decline("doNotHonor"),
  "4387751111111046": decline("wrongExpiration"),
  "4387751111111053": decline("insufficientFunds"),
  "5454545454545454": approve("PPS010"),
  "5442981111111023": decline("referToIssuer"),
  "5442981111111031": decline("doNotHonor"),
  "5442981111111049": decline("wrongExpiration"),
  "5442981111111056": decline("insufficientFunds"),
  "371449635398431": approve("PPS013"),
  "6011000995500000": approve("PPS015"),
  "6011000995511122": decline("referToIssuer"),
  "6011000995511130": decline("doNotHonor"),
  "6011000995511148": decline("wrongExpiration"),
  "6011000995511155": decline("insufficientFunds"),
  "36438999960016": approve("PPS012"),
  "3528000000000007": approve("PPS007"),
};

export const TIMEOUT_CARDS = new Set(["4999006200620062", "5111006200620062", "6465006200620062"]);
export const PARTIAL_AUTH_CARD = "4387750101010101";
export const PARTIAL_AUTH_MIN_MINOR = 600;
export const PARTIAL_AUTH_APPROVED_MINOR = 500;

/** Well-known public test numbers: production declines them ("Test card numbers that work in UAT will decline"). */
export function isPublicTestCard(pan: string): boolean {
  return (
    pan in TEST_CARDS ||
    TIMEOUT_CARDS.has(pan) ||
    pan === PARTIAL_AUTH_CARD ||
    ["4111111111111111", "4444333322221111", "5111111111111111", "4000065433421984", "341111599242008"].includes(pan)
  );
}

const AVS_TRIGGERS: Record<string, string> = {};
for (const [codes, resp] of [
  ["224 1A1", "X"],
  ["225 406 1A2", "Y"],
  ["111 201 1A3", "A"],
  ["223 1A4", "W"],
  ["113 226 1A5", "Z"],
  ["112 214 1A6", "N"],
  ["221 1A7", "U"],
  ["207 1A8", "G"],
  ["218 1A9", "R"],
  ["205 2B1", "E"],
  ["219 2B2", "S"],
  ["228 2B3", "Q"],
  ["204 227 2B4", "D"],
  ["202 2B5", "B"],
  ["203 2B6", "C"],
  ["216 2B7", "P"],
  ["209 2B8", "I"],
  ["213 2B9", "M"],
] as const) {
  for (const c of codes.split(" ")) AVS_TRIGGERS[c] = resp;
}

/** AVS by the last three characters of `postal`, else any listed 3-digit code inside `address`; default Y. */
export function avsResponse(postal: string | undefined, address: string | undefined): string {
  const p = postal?.replace(/\s/g, "").toUpperCase();
  if (p && p.length >= 3) {
    const hit = AVS_TRIGGERS[p.slice(-3)];
    if (hit) return hit;
  }
  if (address) {
    for (const m of address.matchAll(/\d{3}/g)) {
      const hit = AVS_TRIGGERS[m[0]];
      if (hit) return hit;
    }
  }
  return "Y";
}

const CVV_TRIGGERS: Record<string, string> = { "112": "M", "111": "N", "222": "P", "333": "U" };

export function cvvResponse(cvv: string | undefined): string | undefined {
  if (!cvv) return undefined;
  return CVV_TRIGGERS[cvv] ?? "M";
}
