import { luhnValid as luhn } from "../../luhn";
/** Card-number facts the sandbox needs: Luhn, brand, BIN behaviour, masking, expiry. Pure. */

/** A card number as the gateway takes it: 12–19 digits passing the Luhn check. */
export function luhnValid(number: string): boolean {
  return /^\d{12,19}$/.test(number) && luhn(number);
}

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "jcb" | "diners" | "unknown";

export function cardBrand(number: string): CardBrand {
  const n2 = Number(number.slice(0, 2));
  const n4 = Number(number.slice(0, 4));
  const n6 = Number(number.slice(0, 6));
  if (number.startsWith("4")) return "visa";
  if ((n2 >= 51 && n2 <= 55) || (n6 >= 222100 && n6 <= 272099)) return "mastercard";
  if (n2 === 34 || n2 === 37) return "amex";
  if (number.startsWith("6011") || number.startsWith("65") || (n4 >= 6440 && n4 <= 6499)) return "discover";
  if (n4 >= 3528 && n4 <= 3589) return "jcb";
  if (n2 === 36 || n2 === 38 || (n4 >= 3000 && n4 <= 3059)) return "diners";
  return "unknown";
}

export interface BinInfo {
  bin: string;
  card_brand: CardBrand;
  card_type: "credit" | "debit";
  issuing_bank: string;
  card_level_generic: string;
  country: string;
  is_surchargeable: boolean;
  payment_method_type: "card";
}

/** Debit BINs of the documented test set; everything else behaves as a surchargeable credit card. */
const DEBIT_BINS = new Set(["411111", "555555"]);

export function binInfo(numberOrBin: string): BinInfo {
  const bin = numberOrBin.slice(0, 6);
  const debit = DEBIT_BINS.has(bin);
  return {
    bin,
    card_brand: cardBrand(numberOrBin),
    card_type: debit ? "debit" : "credit",
    issuing_bank: "SANDBOX TEST BANK",
    card_level_generic: debit ? "DEBIT" : "CONSUMER",
    country: "US",
    is_surchargeable: !debit,
    payment_method_type: "card",
  };
}

export function maskCard(number: string): string {
  return `${number.slice(0, 6)}${"*".repeat(Math.max(0, number.length - 10))}${number.slice(-4)}`;
}

export function maskAccount(account: string): string {
  return `${"*".repeat(Math.max(0, account.length - 4))}${account.slice(-4)}`;
}

/** Accepts "MM/YY", "MMYY" and "MM/YYYY"; returns undefined when malformed. */
export function parseExpiry(value: string): { month: number; year: number } | undefined {
  const m = /^(\d{2})\/?(\d{2}|\d{4})$/.exec(value.trim());
  if (!m) return undefined;
  const month = Number(m[1]);
  const yy = m[2] as string;
  const year = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
  if (month < 1 || month > 12) return undefined;
  return { month, year };
}

/** A card is good through the last day of its expiry month. */
export function isExpired(exp: { month: number; year: number }, now: Date): boolean {
  return now.getUTCFullYear() * 12 + now.getUTCMonth() + 1 > exp.year * 12 + exp.month;
}

export function formatExpiry(exp: { month: number; year: number }): string {
  return `${String(exp.month).padStart(2, "0")}/${String(exp.year % 100).padStart(2, "0")}`;
}

/** The vault shows expiry as the end of the month in RFC3339 (e.g. "2020-12-31T00:00:00Z"). */
export function vaultExpiry(exp: { month: number; year: number }): string {
  const last = new Date(Date.UTC(exp.year, exp.month, 0));
  return `${last.toISOString().slice(0, 10)}T00:00:00Z`;
}
