import type { Address, AddressInput, CardBrand } from "../types";
import type { WireAddressBody, WireVaultAddressBody } from "./types";

/** Small pure helpers shared by the FluidPay transforms. */

export function text(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === "" ? null : t;
}

export function cents(v: number | null | undefined): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** RFC3339 (any precision or offset) → ISO UTC; the gateway's zero time "0001-01-01T00:00:00Z" means unset. */
export function isoTime(v: string | null | undefined): string | null {
  const t = text(v);
  if (!t || t.startsWith("0001-01-01")) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** "YYYY-MM-DD" from a date or timestamp string. */
export function isoDate(v: string | null | undefined): string | null {
  const t = text(v);
  if (!t || t.startsWith("0001-01-01")) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(t);
  return m ? m[1]! : null;
}

/** Search date bounds are "YYYY-MM-DDTHH:II:SSZ" (no fraction). */
export function wireSearchTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function currency(v: string | null | undefined): string {
  return (text(v) ?? "USD").toUpperCase();
}

export function cardBrand(v: string | null | undefined): CardBrand {
  const t = (v ?? "").toLowerCase().replace(/[^a-z]/g, "");
  if (t === "visa") return "visa";
  if (t === "mastercard" || t === "master" || t === "mc") return "mastercard";
  if (t === "amex" || t === "americanexpress" || t === "ax") return "amex";
  if (t === "discover" || t === "disc") return "discover";
  if (t === "jcb") return "jcb";
  if (t === "diners" || t === "dinersclub") return "diners";
  return "unknown";
}

/** Card expiry in any of the gateway's spellings ("12/26", "1226", "2026-12-31T00:00:00Z") → "MM/YY". */
export function expiration(v: string | null | undefined): string | null {
  const t = text(v);
  if (!t) return null;
  let m = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(t);
  if (m) return `${m[1]!.padStart(2, "0")}/${m[2]!.slice(-2)}`;
  m = /^(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}/${m[2]}`;
  m = /^(\d{4})-(\d{2})-\d{2}/.exec(t);
  if (m) return `${m[2]}/${m[1]!.slice(2)}`;
  return null;
}

/** Input expiry ("MM/YY", "MMYY", "MM/YYYY") → the wire's "MM/YY". */
export function wireExpiration(v: string): string {
  return expiration(v) ?? v;
}

export function lastFour(masked: string | null | undefined): string | null {
  const digits = (masked ?? "").replace(/\D/g, "");
  return digits.length >= 4 ? digits.slice(-4) : null;
}

export function firstSix(masked: string | null | undefined): string | null {
  const m = /^(\d{6})/.exec(masked ?? "");
  return m ? m[1]! : null;
}

interface WireAddressLike {
  first_name?: string | null;
  last_name?: string | null;
  company?: string | null;
  address_line_1?: string | null;
  address_line_2?: string | null;
  line_1?: string | null;
  line_2?: string | null;
  city?: string | null;
  state?: string | null;
  postal_code?: string | null;
  country?: string | null;
  email?: string | null;
  phone?: string | null;
  fax?: string | null;
}

/** Either spelling of a wire address → domain; null when every field is empty (the gateway sends blanks). */
export function toAddress(w: WireAddressLike | null | undefined): Address | null {
  if (!w) return null;
  const a: Address = {
    firstName: text(w.first_name),
    lastName: text(w.last_name),
    company: text(w.company),
    line1: text(w.address_line_1 ?? w.line_1),
    line2: text(w.address_line_2 ?? w.line_2),
    city: text(w.city),
    state: text(w.state),
    postalCode: text(w.postal_code),
    country: text(w.country),
    email: text(w.email),
    phone: text(w.phone),
    fax: text(w.fax),
  };
  return Object.values(a).some((v) => v !== null) ? a : null;
}

function opt(v: string | null | undefined): string | undefined {
  return v === null || v === undefined ? undefined : v;
}

export function toWireAddress(a: AddressInput | undefined): WireAddressBody | undefined {
  if (!a) return undefined;
  return {
    first_name: opt(a.firstName),
    last_name: opt(a.lastName),
    company: opt(a.company),
    address_line_1: opt(a.line1),
    address_line_2: opt(a.line2),
    city: opt(a.city),
    state: opt(a.state),
    postal_code: opt(a.postalCode),
    country: opt(a.country),
    email: opt(a.email),
    phone: opt(a.phone),
    fax: opt(a.fax),
  };
}

export function toWireVaultAddress(a: AddressInput | undefined): WireVaultAddressBody | undefined {
  const w = toWireAddress(a);
  if (!w) return undefined;
  const { address_line_1, address_line_2, ...rest } = w;
  return { ...rest, line_1: address_line_1, line_2: address_line_2 };
}
