import type { VerificationResult } from "./types";

/**
 * AVS and CVV result codes in words. The letters are the card networks' (FluidPay's table in seed 003 and
 * CardPointe's avsresp/cvvresp use the same ones), so both adapters share this table.
 */

const AVS: Record<string, { description: string; matched: boolean | null }> = {
  "0": { description: "Address verification not available", matched: null },
  A: { description: "Street address matches, ZIP code does not", matched: false },
  B: { description: "Street address matches, ZIP code not verified", matched: null },
  C: { description: "Address not verified (incompatible format)", matched: null },
  D: { description: "Street address and postal code match", matched: true },
  // E and Q are not in seed 003's table; the CardPointe gateway returns them (services.md L92, UAT AVS triggers).
  E: { description: "Address verification error (not allowed for this card or transaction)", matched: null },
  F: { description: "Street address and postal code match (UK card)", matched: true },
  G: { description: "Issuer outside the U.S. does not verify addresses", matched: null },
  I: { description: "Address not verified", matched: null },
  M: { description: "Street address and postal code match", matched: true },
  N: { description: "Neither street address nor ZIP code match", matched: false },
  P: { description: "Postal code matches, street address not verified", matched: null },
  Q: { description: "Address could not be verified (did not pass the issuer's checks)", matched: null },
  R: { description: "Issuer system unavailable, try again", matched: null },
  S: { description: "Address verification not supported by the issuer", matched: null },
  U: { description: "Address information unavailable", matched: null },
  W: { description: "9-digit ZIP code matches, street address does not", matched: false },
  X: { description: "Street address and 9-digit ZIP code match", matched: true },
  Y: { description: "Street address and 5-digit ZIP code match", matched: true },
  Z: { description: "5-digit ZIP code matches, street address does not", matched: false },
  L: { description: "Cardholder name and billing postal code match", matched: null },
  "1": { description: "Cardholder name and ZIP code match", matched: null },
  "2": { description: "Cardholder name, address and ZIP code match", matched: true },
  "3": { description: "Cardholder name and address match", matched: null },
  "4": { description: "Cardholder name matches", matched: null },
  "5": { description: "Cardholder name incorrect, ZIP code matches", matched: false },
  "6": { description: "Cardholder name incorrect, address and ZIP code match", matched: false },
  "7": { description: "Cardholder name incorrect, address matches", matched: false },
  "8": { description: "Cardholder name, address and ZIP code do not match", matched: false },
};

const CVV: Record<string, { description: string; matched: boolean | null }> = {
  M: { description: "Security code matches", matched: true },
  N: { description: "Security code does not match", matched: false },
  P: { description: "Security code not processed", matched: null },
  S: { description: "Security code should be on the card but was not provided", matched: false },
  U: { description: "Issuer does not check security codes", matched: null },
  X: { description: "No security code response from the card network", matched: null },
  Y: { description: "Security code matches", matched: true },
};

function lookup(
  table: Record<string, { description: string; matched: boolean | null }>,
  code: string | null | undefined,
  what: string,
): VerificationResult | null {
  const c = (code ?? "").trim();
  if (!c) return null;
  const hit = table[c] ?? table[c.toUpperCase()];
  return {
    code: c,
    description: hit?.description ?? `Unrecognised ${what} result (${c})`,
    matched: hit?.matched ?? null,
  };
}

export function avsResult(code: string | null | undefined): VerificationResult | null {
  return lookup(AVS, code, "address check");
}

export function cvvResult(code: string | null | undefined): VerificationResult | null {
  return lookup(CVV, code, "security code check");
}
