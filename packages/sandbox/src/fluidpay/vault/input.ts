import { badRequest } from "../core/envelope";
import { address, asObject, optObject, str, type Obj } from "../core/fields";
import type { Queryable } from "../core/schema";
import { formatExpiry, luhnValid, parseExpiry } from "../transactions/cards";
import { ADDRESS_FIELDS, type PaymentSecret, type VaultAddress } from "./store";
import { consumeToken } from "./tokens";

/** Parsers for vault request bodies; full numbers go straight into a sealed secret. */
export function vaultAddress(o: Obj, path: string): VaultAddress {
  const a = address(o, ADDRESS_FIELDS, path);
  if (!Object.values(a).some(Boolean)) throw badRequest(`invalid ${path}: address is empty`);
  return a;
}

export function cardSecret(o: Obj, path: string): PaymentSecret {
  const number = str(o, "number", { required: true, path: `${path}.number` }) as string;
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) throw badRequest(`invalid ${path}.number`);
  const raw = str(o, "expiration_date", { required: true, path: `${path}.expiration_date` }) as string;
  const exp = parseExpiry(raw);
  if (!exp) throw badRequest(`invalid ${path}.expiration_date: use "MMYY" or "MM/YY"`);
  return { kind: "card", number, expiration_date: formatExpiry(exp) };
}

export function achSecret(o: Obj, path: string): PaymentSecret {
  const accountNumber = str(o, "account_number", {
    required: true,
    pattern: /^\d{4,17}$/,
    path: `${path}.account_number`,
  }) as string;
  const routing = str(o, "routing_number", { required: true, pattern: /^\d{9}$/, path: `${path}.routing_number` });
  const type = str(o, "account_type", {
    required: true,
    oneOf: ["checking", "savings"],
    path: `${path}.account_type`,
  }) as "checking" | "savings";
  const sec = (str(o, "sec_code", { required: true, path: `${path}.sec_code` }) as string).toLowerCase();
  if (!["web", "ccd", "ppd"].includes(sec)) throw badRequest(`invalid ${path}.sec_code`);
  return {
    kind: "ach",
    account_number: accountNumber,
    routing_number: routing as string,
    account_type: type,
    sec_code: sec,
  };
}

/** `default_payment` of a create: exactly one of card, ach or token. */
export async function defaultPayment(
  c: Queryable,
  accountId: string,
  o: Obj,
  now: Date,
): Promise<PaymentSecret | undefined> {
  const dp = optObject(o, "default_payment");
  if (!dp) return undefined;
  const kinds = ["card", "ach", "token", "apple_pay", "google_pay_token"].filter(
    (k) => dp[k] !== undefined && dp[k] !== null && dp[k] !== "",
  );
  if (kinds.length === 0) return undefined;
  if (kinds.length > 1) throw badRequest("invalid default_payment: must contain only one payment method");
  const kind = kinds[0];
  if (kind === "card") return cardSecret(asObject(dp.card, "default_payment.card"), "default_payment.card");
  if (kind === "ach") return achSecret(asObject(dp.ach, "default_payment.ach"), "default_payment.ach");
  if (kind === "token") {
    const token = str(dp, "token", { required: true, path: "default_payment.token" }) as string;
    return consumeToken(c, accountId, token, now);
  }
  throw badRequest(`default_payment.${kind} is not supported by the sandbox`);
}

export function flags(o: Obj, path = "flags"): string[] | undefined {
  const v = o.flags;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw badRequest(`invalid ${path}`);
  const allowed = ["surcharge_exempt"];
  for (const f of v as string[]) if (!allowed.includes(f)) throw badRequest(`invalid ${path}: unknown flag ${f}`);
  return [...new Set(v as string[])];
}
