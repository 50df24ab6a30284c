import { luhnValid } from "@/lib/luhn";
/**
 * Card-data scanner: finds primary account numbers (PANs) and card verification codes in text — database dumps,
 * server logs, request logs. Used by tests/scan after the e2e suite (PCI DSS 3.3/3.4: no sensitive authentication
 * data stored, PAN never readable outside the vault).
 *
 * What counts as a PAN (precise, no blanket exclusions):
 * - A NUMBER token: a run of 13–19 digits that is not part of a longer alphanumeric token (hex digests, base64,
 *   UUIDs, gateway ids like `ch_0123…` are identifiers, not numbers: a digit run glued to letters or further digits is
 *   part of that identifier). Separators `-`, `_`, quotes, spaces, `=`, `:`, `/` end a token, so `tok_4111…`,
 *   `account=4111…` or `"4111…"` are numbers. Percent-encoded text is scanned decoded too.
 *   Also the printed forms `4111 1111 1111 1111` / `4111-1111-1111-1111` (4-4-4-x) and `3782 822463 10005` (4-6-5).
 * - whose first digit is a payment-card Major Industry Identifier (ISO/IEC 7812: 2 Mastercard 2-series, 3 Amex /
 *   Diners / JCB, 4 Visa, 5 Mastercard, 6 Discover / UnionPay / Maestro — every brand in PCI DSS scope). Numbers
 *   starting 0, 1, 7, 8 or 9 are not card numbers of any PCI brand: epoch-millisecond timestamps (13 digits starting
 *   with 1 until 2286) and CardSecure tokens (16 digits starting with 9, by design never a real PAN) live there.
 *   They are reported as `otherMii` (counted, not failures) so a reviewer can see them.
 * - and that passes the Luhn check.
 *
 * - and that is not the value of a provider identifier whose schema makes it a number of card-number length
 *   (ID_KEYS: CardPointe funding ids and ACH trace numbers, 14 random digits; the POSPointe gift-card `cardtoken`,
 *   16 digits). These are tokenised by their key (JSON `"key": "…"`, form `key=…`), never by their digits: the same
 *   digits anywhere else are still a finding. Counted as `identifiers`.
 *
 * A CVV field is a key named cvv / cvv2 / cvc / cvc2 / cvn / security_code / securityCode / card_code, alone or with a
 * prefix (`card_cvv`, `card[cvc]`; any case; JSON `"key": value`, query or form `key=value`) whose value is 3–4 digits. Keys that merely start with those letters
 * (`cvv_response_code`, `cvvresp`) are verification RESULTS, not the code, and a `cvv` object (`{"code":"M",…}`)
 * is a result too.
 */

export interface CardFinding {
  kind: "pan" | "cvv";
  source: string;
  line: number;
  /** Masked: first 6 and last 4 digits of a PAN, the key of a CVV field; never the full value. */
  match: string;
  /** Up to 80 characters around the match, with the value masked. */
  context: string;
}

export interface ScanResult {
  findings: CardFinding[];
  /** Luhn-valid card-like numbers that are values of a provider identifier key (ID_KEYS). */
  identifiers: number;
  /** Luhn-valid 13–19 digit numbers outside the payment-card MIIs (timestamps, CardSecure tokens…). */
  otherMii: number;
  /** Lines scanned. */
  lines: number;
}

export { luhnValid };

const PAYMENT_MII = /^[2-6]/;

/** "pan" for a payment card number, "other" for a Luhn-valid number outside the card MIIs, null otherwise. */
export function classifyNumber(digits: string): "pan" | "other" | null {
  if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return null;
  return PAYMENT_MII.test(digits) ? "pan" : "other";
}

export function maskPan(digits: string): string {
  return `${digits.slice(0, 6)}${"*".repeat(Math.max(0, digits.length - 10))}${digits.slice(-4)}`;
}

/**
 * Keys (lower case, without `_`) whose values are provider-issued numeric identifiers of card-number length:
 * CardPointe funding (`fundingid`, `fundingmasterid`, `fundingtxnid`, `depositachtracenumber`: 14 digits) and the
 * POSPointe gift-card token (`cardtoken`: 16 digits, issued by /v1/Token in place of the card number).
 */
export const ID_KEYS = new Set(["fundingid", "fundingmasterid", "fundingtxnid", "depositachtracenumber", "cardtoken"]);
const KEYED_NUMBER = /(?<![A-Za-z0-9])["']?([A-Za-z][A-Za-z0-9_]*)["']?\s*[:=]\s*["']?(\d{13,19})(?![A-Za-z0-9])/g;

/** Start offsets of the numbers in `line` that are values of an ID_KEYS key. */
function identifierOffsets(line: string): Set<number> {
  const out = new Set<number>();
  for (const m of line.matchAll(KEYED_NUMBER)) {
    if (ID_KEYS.has((m[1] as string).toLowerCase().replace(/_/g, ""))) {
      out.add(m.index + m[0].length - (m[2] as string).length);
    }
  }
  return out;
}

// A whole alphanumeric token made only of 13–19 digits.
const NUMBER_TOKEN = /(?<![A-Za-z0-9])\d{13,19}(?![A-Za-z0-9])/g;
// Printed card numbers: 4-4-4-(1..7) or 4-6-5 with one consistent separator.
const PRINTED = /(?<![A-Za-z0-9])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![A-Za-z0-9])/g;
// `cvv`, `card_cvv`, `"cvc":`, `card[cvc]=`, `securityCode=` … followed by a 3–4 digit value.
const CVV_FIELD =
  /(?<![A-Za-z0-9])(?:[A-Za-z0-9]+_)?(cvv2?|cvc2?|cvn|security_?code|card_?code)["'\]]?\s*[:=]\s*["']?(\d{3,4})(?![\d.])/gi;

function decodePercent(line: string): string {
  return line.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function excerpt(line: string, index: number, length: number, masked: string): string {
  const from = Math.max(0, index - 35);
  return `${line.slice(from, index)}${masked}${line.slice(index + length, index + length + 35)}`.slice(0, 90);
}

/** Scans `text` line by line; `source` names it in the findings. */
export function scanText(text: string, source: string): ScanResult {
  const findings: CardFinding[] = [];
  let otherMii = 0;
  let identifiers = 0;
  let lineNo = 0;
  const seen = new Set<string>();
  for (const raw of text.split("\n")) {
    lineNo++;
    const variants = raw.includes("%") ? [raw, decodePercent(raw)] : [raw];
    for (const line of variants) {
      const ids = identifierOffsets(line);
      for (const m of line.matchAll(NUMBER_TOKEN)) {
        const c = classifyNumber(m[0]);
        const key = `${lineNo}:${m[0]}`;
        if (!c || seen.has(key)) continue;
        seen.add(key);
        if (c === "pan" && ids.has(m.index)) identifiers++;
        else if (c === "other") otherMii++;
        else
          findings.push({
            kind: "pan",
            source,
            line: lineNo,
            match: maskPan(m[0]),
            context: excerpt(line, m.index, m[0].length, maskPan(m[0])),
          });
      }
      for (const m of line.matchAll(PRINTED)) {
        const digits = m[0].replace(/\D/g, "");
        const key = `${lineNo}:${digits}`;
        if (classifyNumber(digits) !== "pan" || seen.has(key)) continue;
        seen.add(key);
        findings.push({
          kind: "pan",
          source,
          line: lineNo,
          match: maskPan(digits),
          context: excerpt(line, m.index, m[0].length, maskPan(digits)),
        });
      }
      for (const m of line.matchAll(CVV_FIELD)) {
        const key = `${lineNo}:cvv:${m.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          kind: "cvv",
          source,
          line: lineNo,
          match: m[1] as string,
          context: excerpt(line, m.index, m[0].length, `${m[1]}: ***`),
        });
      }
    }
  }
  return { findings, identifiers, otherMii, lines: lineNo };
}

/** Scans several named texts; findings of all, totals summed. */
export function scanAll(inputs: { source: string; text: string }[]): ScanResult {
  const out: ScanResult = { findings: [], identifiers: 0, otherMii: 0, lines: 0 };
  for (const i of inputs) {
    const r = scanText(i.text, i.source);
    out.findings.push(...r.findings);
    out.identifiers += r.identifiers;
    out.otherMii += r.otherMii;
    out.lines += r.lines;
  }
  return out;
}

// A run of digits that may be grouped by single spaces, dashes or dots (4111 1111 1111 1111, 3782-822463-10005).
const SEPARATED_DIGITS = /\d(?:[ .-]?\d)*/g;

const isCardLike = (digits: string) => digits.length >= 13 && digits.length <= 19 && luhnValid(digits);

/**
 * True when `text` holds something that may be a card number: 13–19 digits, written together or grouped by single
 * spaces, dashes or dots, that pass the Luhn check. Stricter than scanText (any leading digit, and digits glued to
 * letters count) because it guards what the portal accepts (file-batch cells) rather than reporting on logs.
 * Within a longer grouped run ("ref 12 4111 1111 1111 1111") every sequence of whole groups is tried.
 */
export function containsCardNumber(text: string): boolean {
  for (const m of text.matchAll(SEPARATED_DIGITS)) {
    const groups = m[0].split(/[ .-]/);
    for (let i = 0; i < groups.length; i++) {
      let digits = "";
      for (let j = i; j < groups.length && digits.length < 19; j++) {
        digits += groups[j];
        if (isCardLike(digits)) return true;
      }
    }
  }
  return false;
}
