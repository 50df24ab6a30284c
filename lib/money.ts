/**
 * Money in the portal: integer minor units ("cents") with an ISO 4217 currency code.
 *
 * Rounding rule (the same rule is written in docs/money.md and used by the gateway sandbox emulator):
 *   1. Every amount is an integer number of minor units. Floats never carry money: decimal strings are
 *      converted digit by digit, products use integer (BigInt when needed) arithmetic.
 *   2. A percentage is an integer in thousandths of a percent (10000 = 10%, 43440 = 43.440%), as the gateway
 *      seed expresses it. `percentOf(cents, rate)` = cents × rate / 100000, rounded half away from zero to the
 *      minor unit, at the point where it is computed (see lib/totals.ts for where that is).
 *   3. Sums are exact integer sums of already-rounded parts; nothing is rounded twice.
 */

export type Cents = number;
export type CurrencyCode = string;

export interface Money {
  readonly amount: Cents;
  readonly currency: CurrencyCode;
}

export const THOUSANDTHS_PER_WHOLE = 100_000; // 100% expressed in thousandths of a percent

export function isCents(value: unknown): value is Cents {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** Throws a RangeError for anything that is not a safe integer: programmer errors, not user input. */
export function assertCents(value: number, what = "amount"): Cents {
  if (!isCents(value)) throw new RangeError(`${what} must be an integer number of minor units, got ${value}`);
  return value === 0 ? 0 : value; // normalise -0
}

/** A non-negative amount in minor units (absent = 0); RangeError otherwise. */
export function assertNonNegativeCents(value: Cents | undefined | null, what = "amount"): Cents {
  const v = assertCents(value ?? 0, what);
  if (v < 0) throw new RangeError(`${what} can't be negative`);
  return v;
}

/** A percentage in thousandths of a percent between 0 and `max` (absent = 0); RangeError otherwise. */
export function assertRate(
  value: number | undefined | null,
  what = "percentage",
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = value ?? 0;
  if (!Number.isSafeInteger(v) || v < 0 || v > max) {
    throw new RangeError(`${what} must be an integer number of thousandths of a percent between 0 and ${max}`);
  }
  return v;
}

function checkedResult(value: bigint, what: string): Cents {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is outside the safe integer range`);
  }
  const n = Number(value);
  return n === 0 ? 0 : n;
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0n;
  let i = 0;
  for (const v of values) {
    total += BigInt(assertCents(v, `value #${i}`));
    i++;
  }
  return checkedResult(total, "sum");
}

export function addCents(...values: Cents[]): Cents {
  return sumCents(values);
}

export function subtractCents(a: Cents, b: Cents): Cents {
  return checkedResult(BigInt(assertCents(a, "minuend")) - BigInt(assertCents(b, "subtrahend")), "difference");
}

export function multiplyCents(cents: Cents, quantity: number): Cents {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`quantity must be an integer, got ${quantity}`);
  return checkedResult(BigInt(assertCents(cents)) * BigInt(quantity), "product");
}

/** numerator / denominator rounded half away from zero (2.5 → 3, -2.5 → -3). */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/**
 * cents × rate / 100000 (rate in thousandths of a percent), rounded half away from zero.
 * percentOf(1999, 8250) = 164.9175 → 165; percentOf(2000, 10000) = 200.
 */
export function percentOf(cents: Cents, thousandthsOfPercent: number): Cents {
  assertCents(cents);
  if (!Number.isSafeInteger(thousandthsOfPercent)) {
    throw new RangeError(`percentage must be an integer in thousandths of a percent, got ${thousandthsOfPercent}`);
  }
  const product = BigInt(cents) * BigInt(thousandthsOfPercent);
  return checkedResult(divRoundHalfAwayFromZero(product, BigInt(THOUSANDTHS_PER_WHOLE)), "percentage");
}

/** cents × part / whole, rounded half away from zero (proration: days used of days in the period, etc.). */
export function prorate(cents: Cents, part: number, whole: number): Cents {
  assertCents(cents);
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || whole <= 0) {
    throw new RangeError("prorate needs integer part and a positive integer whole");
  }
  return checkedResult(divRoundHalfAwayFromZero(BigInt(cents) * BigInt(part), BigInt(whole)), "proration");
}

// ---------------------------------------------------------------------------------------------------------------
// Currencies and formatting

const formatterCache = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: CurrencyCode, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatterCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatterCache.set(key, f);
  }
  return f;
}

function normaliseCurrency(currency: CurrencyCode): CurrencyCode {
  const c = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) throw new RangeError(`unknown currency code "${currency}"`);
  return c;
}

/** Minor-unit digits of a currency as CLDR knows them: USD 2, JPY 0, BHD 3. */
export function currencyDigits(currency: CurrencyCode = "USD"): number {
  return currencyFormatter(normaliseCurrency(currency), "en-US").resolvedOptions().maximumFractionDigits ?? 2;
}

/** 1111 → "11.11", -5 → "-0.05", 42 JPY → "42". Exact: built from digits, never from a float. */
export function centsToDecimalString(cents: Cents, currency: CurrencyCode = "USD"): string {
  assertCents(cents);
  const digits = currencyDigits(currency);
  const negative = cents < 0;
  const abs = String(Math.abs(cents));
  if (digits === 0) return (negative ? "-" : "") + abs;
  const padded = abs.padStart(digits + 1, "0");
  const whole = padded.slice(0, -digits);
  const frac = padded.slice(-digits);
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** Formats with Intl.NumberFormat (cached per locale and currency), fed the exact decimal string. */
export function formatMoney(cents: Cents, currency: CurrencyCode = "USD", locale = "en-US"): string {
  const c = normaliseCurrency(currency);
  return currencyFormatter(c, locale).format(centsToDecimalString(cents, c) as `${number}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing user input

export type MoneyParseResult = { ok: true; cents: Cents } | { ok: false; error: string };

export interface ParseMoneyOptions {
  /** Accept a leading minus (refund adjustments, invoice adjustments). Default false. */
  allowNegative?: boolean;
  /** Largest accepted absolute amount in minor units. Default Number.MAX_SAFE_INTEGER. */
  max?: Cents;
  /** Locale whose decimal and grouping separators the user types. Default "en-US". */
  locale?: string;
}

interface LocaleSymbols {
  decimal: string;
  group: string;
  currencySymbols: string[];
}

const symbolCache = new Map<string, LocaleSymbols>();

function localeSymbols(currency: CurrencyCode, locale: string): LocaleSymbols {
  const key = `${locale}|${currency}`;
  const cached = symbolCache.get(key);
  if (cached) return cached;
  const parts = new Intl.NumberFormat(locale, { useGrouping: true, minimumFractionDigits: 1 }).formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const group = parts.find((p) => p.type === "group")?.value ?? ",";
  const symbols = new Set<string>([currency]);
  for (const display of ["symbol", "narrowSymbol"] as const) {
    const sym = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: display })
      .formatToParts(1)
      .find((p) => p.type === "currency")?.value;
    if (sym) symbols.add(sym);
  }
  // Longest first so "US$" is stripped before "$".
  const result = { decimal, group, currencySymbols: [...symbols].sort((a, b) => b.length - a.length) };
  symbolCache.set(key, result);
  return result;
}

const SPACES = /[\s\u00a0\u202f]/g;

const groupingCache = new Map<string, Intl.NumberFormat>();

/** Thousands grouping ("1,234,567"), or the locale's own grouping (en-IN writes "12,34,567"). */
function validGrouping(grouped: string, digitsOnly: string, groupChar: string, locale: string): boolean {
  const [first, ...rest] = grouped.split(groupChar);
  if (first && /^\d{1,3}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g))) return true;
  let f = groupingCache.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 });
    groupingCache.set(locale, f);
  }
  return f.format(BigInt(digitsOnly)).replace(SPACES, " ") === grouped;
}

function stripSymbol(s: string, symbols: string[]): string {
  const upper = s.toUpperCase();
  for (const sym of symbols) {
    const u = sym.toUpperCase();
    if (upper.startsWith(u)) return s.slice(sym.length);
    if (upper.endsWith(u)) return s.slice(0, s.length - sym.length);
  }
  return s;
}

/**
 * Parses what a person typed into an amount field: "42.5", "42.50", "$1,234.56", "1234", ".5", "USD 10".
 * Rejects exponent notation, NaN/Infinity, more decimals than the currency has, malformed grouping
 * ("1,23,4"), and negatives unless allowed. Never multiplies a float.
 */
export function parseMoney(
  input: string,
  currency: CurrencyCode = "USD",
  options: ParseMoneyOptions = {},
): MoneyParseResult {
  const c = normaliseCurrency(currency);
  const digits = currencyDigits(c);
  const { decimal, group, currencySymbols } = localeSymbols(c, options.locale ?? "en-US");
  const example = digits === 0 ? "42" : `42${decimal}${"50".padEnd(digits, "0")}`;
  const badFormat: MoneyParseResult = { ok: false, error: `Enter an amount like ${example}.` };

  // U+2212 is the minus sign some locales format negatives with.
  let s = String(input ?? "")
    .trim()
    .replace(/\u2212/g, "-");
  if (s === "") return { ok: false, error: "Enter an amount." };

  let negative = false;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }
  s = stripSymbol(s, currencySymbols).trim();
  if (!negative && s.startsWith("-")) {
    negative = true; // "$-5.00"
    s = s.slice(1).trim();
  }

  const groupIsSpace = group.replace(SPACES, "") === "";
  const normalised = groupIsSpace ? s.replace(SPACES, " ") : s;
  const groupChar = groupIsSpace ? " " : group;

  const decimalAt = normalised.indexOf(decimal);
  const intPartRaw = decimalAt === -1 ? normalised : normalised.slice(0, decimalAt);
  const fracPart = decimalAt === -1 ? "" : normalised.slice(decimalAt + decimal.length);

  if (!/^\d*$/.test(fracPart)) return badFormat;
  let intPart = intPartRaw;
  if (intPart.includes(groupChar)) {
    const digitsOnly = intPart.split(groupChar).join("");
    if (!/^\d+$/.test(digitsOnly) || !validGrouping(intPart, digitsOnly, groupChar, options.locale ?? "en-US")) {
      return badFormat;
    }
    intPart = digitsOnly;
  }
  if (!/^\d*$/.test(intPart)) return badFormat;
  if (intPart === "" && fracPart === "") return badFormat;
  if (decimalAt !== -1 && digits === 0) return { ok: false, error: `${c} amounts have no decimal places.` };
  if (fracPart.length > digits) {
    return { ok: false, error: `Use at most ${digits} decimal place${digits === 1 ? "" : "s"}.` };
  }

  const magnitude = BigInt(intPart || "0") * 10n ** BigInt(digits) + BigInt(fracPart.padEnd(digits, "0") || "0");
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (magnitude > BigInt(max)) {
    return { ok: false, error: `Enter an amount no larger than ${formatMoney(max, c, options.locale ?? "en-US")}.` };
  }
  if (negative && magnitude !== 0n && !options.allowNegative) {
    return { ok: false, error: "The amount can't be negative." };
  }
  const cents = Number(magnitude);
  return { ok: true, cents: negative && cents !== 0 ? -cents : cents };
}

// ---------------------------------------------------------------------------------------------------------------
// Wire formats

/**
 * Strict decimal string → minor units, for provider payloads: "11.11" → 1111, "-0.50" → -50, "7" → 700.
 * Throws on anything else (more decimals than the currency has, exponents, grouping, spaces).
 */
export function decimalStringToCents(value: string, currency: CurrencyCode = "USD"): Cents {
  const digits = currencyDigits(currency);
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(value);
  if (!m) throw new RangeError(`"${value}" is not a decimal amount`);
  const frac = m[3] ?? "";
  if (frac.length > digits && !/^0*$/.test(frac.slice(digits))) {
    throw new RangeError(`"${value}" has more than ${digits} decimal places`);
  }
  const magnitude =
    BigInt(m[2] ?? "0") * 10n ** BigInt(digits) + BigInt(frac.slice(0, digits).padEnd(digits, "0") || "0");
  return checkedResult(m[1] ? -magnitude : magnitude, "amount");
}

/**
 * CardPointe `amount`: a decimal string ("11.11") or an integer string in minor units ("1000" = $10.00);
 * negative means a forced credit.
 */
export function cardPointeAmountToCents(value: string, currency: CurrencyCode = "USD"): Cents {
  const s = value.trim();
  if (s.includes(".")) return decimalStringToCents(s, currency);
  if (!/^-?\d+$/.test(s)) throw new RangeError(`"${value}" is not a CardPointe amount`);
  return checkedResult(BigInt(s), "amount");
}

/** Always the unambiguous decimal form CardPointe echoes back ("10.00"). */
export function centsToCardPointeAmount(cents: Cents, currency: CurrencyCode = "USD"): string {
  return centsToDecimalString(cents, currency);
}

/** Integer string with implied decimals (Bolt terminal amounts: "100" = $1.00). */
export function centsToMinorUnitString(cents: Cents): string {
  return String(assertCents(cents));
}

// ---------------------------------------------------------------------------------------------------------------
// Percentages (thousandths of a percent)

/** "8.250" → 8250, "10" → 10000, "0.000" → 0. Throws for more than 3 decimals, signs, exponents. */
export function percentStringToThousandths(value: string): number {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) throw new RangeError(`"${value}" is not a percentage`);
  const frac = m[2] ?? "";
  if (frac.length > 3 && !/^0*$/.test(frac.slice(3))) {
    throw new RangeError(`"${value}" has more than 3 decimal places`);
  }
  const n = Number(m[1] ?? "0") * 1000 + Number(frac.slice(0, 3).padEnd(3, "0"));
  if (!Number.isSafeInteger(n)) throw new RangeError(`"${value}" is too large`);
  return n;
}

/** 8250 → "8.250" (the seed's wire form for tax rates). */
export function thousandthsToPercentString(thousandths: number): string {
  if (!Number.isSafeInteger(thousandths) || thousandths < 0) {
    throw new RangeError(`percentage must be a non-negative integer, got ${thousandths}`);
  }
  return `${Math.floor(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, "0")}`;
}

/** 10000 → "10%", 43440 → "43.44%", 8250 → "8.25%" (for display). */
export function formatPercent(thousandths: number): string {
  const s = thousandthsToPercentString(thousandths).replace(/\.?0+$/, "");
  return `${s}%`;
}

export type PercentParseResult = { ok: true; thousandths: number } | { ok: false; error: string };

/** Form input "10", "10%", "43.44", "8.250 %" → thousandths of a percent, or a field error. */
export function parsePercent(input: string): PercentParseResult {
  const s = String(input ?? "")
    .trim()
    .replace(/\s*%$/, "");
  if (s === "") return { ok: false, error: "Enter a percentage." };
  if (!/^\d*(?:\.\d*)?$/.test(s) || s === ".") return { ok: false, error: "Enter a percentage like 8.25." };
  if ((s.split(".")[1] ?? "").length > 3) return { ok: false, error: "Use at most 3 decimal places." };
  // Any percentage the portal takes is far below a million; longer input would not fit an integer of thousandths.
  if ((s.split(".")[0] ?? "").replace(/^0+/, "").length > 6)
    return { ok: false, error: "That percentage is too large." };
  const thousandths = percentStringToThousandths(s.startsWith(".") ? `0${s}` : s);
  return { ok: true, thousandths };
}
