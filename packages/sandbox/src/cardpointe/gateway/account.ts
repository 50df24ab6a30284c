import type { Queryable } from "../db";
import { brandOf, luhnValid } from "../cards";
import type { VaultScope } from "../vault";
import { detokenize, looksLikeToken, tokenizeAccount } from "../vault";
import { PpsError } from "./pps";

/** An account resolved for processing: the clear number stays in memory only for the decision. */
export interface ResolvedAccount {
  kind: "card" | "ach";
  /** Card number, or "<routing>/<account>". */
  account: string;
  token: string;
  first6: string;
  last4: string;
  expiry: string | undefined;
}

/** MMYY, YYYYM, YYYYMM or YYYYMMDD → MMYY. */
export function normaliseExpiry(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw)) throw new PpsError("15");
  let mm: string;
  let yy: string;
  if (raw.length === 4) [mm, yy] = [raw.slice(0, 2), raw.slice(2)];
  else if (raw.length === 5) [mm, yy] = [raw.slice(4).padStart(2, "0"), raw.slice(2, 4)];
  else if (raw.length === 6 || raw.length === 8) [mm, yy] = [raw.slice(4, 6), raw.slice(2, 4)];
  else throw new PpsError("15");
  const m = Number(mm);
  if (m < 1 || m > 12) throw new PpsError("15");
  return mm + yy;
}

/** ABA routing-number checksum (3-7-1 weights). */
export function validRouting(aba: string): boolean {
  if (!/^\d{9}$/.test(aba)) return false;
  const d = [...aba].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/**
 * Resolves `account` (card number, CardSecure token, or bank account with `bankaba`) within the merchant's
 * site and environment. A token from another site or environment is unknown here → PPS 98 "Invalid token".
 */
export async function resolveAccount(
  q: Queryable,
  scope: VaultScope,
  input: { account?: string; expiry?: string; bankaba?: string; ach?: boolean },
): Promise<ResolvedAccount> {
  const account = input.account?.replace(/\s/g, "");
  if (!account) throw new PpsError("11");
  const expiry = normaliseExpiry(input.expiry);
  if (looksLikeToken(account)) {
    const found = await detokenize(scope, account, q);
    if (!found) throw new PpsError("98");
    return {
      kind: found.kind,
      account: found.account,
      token: found.token,
      first6: found.first6,
      last4: found.last4,
      expiry: expiry ?? found.expiry ?? undefined,
    };
  }
  if (input.bankaba !== undefined || input.ach || account.includes("/")) {
    const [routing, acct] = account.includes("/") ? account.split("/") : [input.bankaba ?? "", account];
    if (!routing || !validRouting(routing)) {
      throw new PpsError("34", `The RoutingNumber (${routing ?? ""}) is not a valid routing number.`);
    }
    if (!acct || !/^\d{4,17}$/.test(acct)) throw new PpsError("11");
    const stored = await tokenizeAccount(scope, `${routing}/${acct}`, "ach", {}, q);
    return {
      kind: "ach",
      account: `${routing}/${acct}`,
      token: stored.token,
      first6: stored.first6,
      last4: stored.last4,
      expiry: undefined,
    };
  }
  if (!/^\d{12,19}$/.test(account)) throw new PpsError("11");
  if (!luhnValid(account)) throw new PpsError("13");
  if (!brandOf(account)) throw new PpsError("33");
  const stored = await tokenizeAccount(scope, account, "card", expiry ? { expiry } : {}, q);
  return {
    kind: "card",
    account,
    token: stored.token,
    first6: stored.first6,
    last4: stored.last4,
    expiry: expiry ?? stored.expiry ?? undefined,
  };
}
