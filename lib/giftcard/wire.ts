import { decimalStringToCents, centsToDecimalString } from "@/lib/money";

/**
 * The gift-card server writes money as bare JSON decimals (`"balance": 25.50`). Parsing those into JS numbers
 * would put money through binary floats, so the raw text is rewritten first: every bare number literal outside a
 * string becomes a string of the same digits, and amounts go to cents through lib/money's decimal helper.
 */
export function quoteNumbers(json: string): string {
  let out = "";
  let inString = false;
  let i = 0;
  while (i < json.length) {
    const ch = json[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += json[i + 1] ?? "";
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i++;
      continue;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(json.slice(i));
      if (m) {
        out += `"${m[0]}"`;
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** "25.50" / "25.5" / "100" → 2550 / 2550 / 10000 (exact; throws on more than two decimals). */
export function giftAmountToCents(v: string | number | null | undefined): number {
  if (v === null || v === undefined || v === "") return 0;
  return decimalStringToCents(typeof v === "number" ? String(v) : v.trim());
}

/** Cents → the two-decimal string the server expects ("25.50"); sent as a numeric string, never a float. */
export function centsToGiftAmount(cents: number): string {
  return centsToDecimalString(cents);
}
