import type { Customer, StoredAddress, StoredPaymentMethod } from "../types";
import type { WireProfileAccount } from "./schemas";
import { brandOfCode, brandOfToken, elasticPathPaymentReference } from "./transform";

/** "MMYY" → "MM/YY" */
function expiration(v: string | undefined): string | null {
  const m = /^(\d{2})(\d{2})$/.exec((v ?? "").trim());
  return m ? `${m[1]}/${m[2]}` : null;
}

const t = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function toPaymentMethod(a: WireProfileAccount): StoredPaymentMethod {
  const token = t(a.token) ?? t(a.account);
  const lastFour = token ? token.slice(-4) : null;
  const isDefault = (a.defaultacct ?? "").toUpperCase() === "Y";
  if (/^(ECHK|ESAV)$/i.test(a.accttype ?? "")) {
    return {
      kind: "ach",
      id: a.acctid,
      maskedAccount: lastFour ? `******${lastFour}` : null,
      lastFour,
      routingNumber: t(a.bankaba),
      accountType: /^ESAV$/i.test(a.accttype ?? "") ? "savings" : "checking",
      secCode: null,
      isDefault,
    };
  }
  return {
    kind: "card",
    id: a.acctid,
    brand: brandOfCode(a.accttype) ?? brandOfToken(token),
    maskedNumber: lastFour ? `************${lastFour}` : null,
    lastFour,
    expiration: expiration(a.expiry),
    isDefault,
  };
}

export function toAddress(a: WireProfileAccount): StoredAddress {
  const name = t(a.name);
  const [first, ...rest] = (name ?? "").split(/\s+/);
  return {
    id: a.acctid,
    firstName: name ? (first ?? null) : null,
    lastName: rest.length ? rest.join(" ") : null,
    company: t(a.company),
    line1: t(a.address),
    line2: t(a.address2),
    city: t(a.city),
    state: t(a.region),
    postalCode: t(a.postal),
    country: t(a.country),
    email: t(a.email),
    phone: t(a.phone),
    fax: null,
  };
}

/** A profile (all its accounts) as a vault customer: id = profileid, payment methods and addresses by acctid. */
export function toCustomer(profileId: string, accounts: WireProfileAccount[]): Customer {
  const sorted = [...accounts].sort((a, b) => Number(a.acctid) - Number(b.acctid));
  const def = sorted.find((a) => (a.defaultacct ?? "").toUpperCase() === "Y") ?? sorted[0];
  const methods = sorted.map(toPaymentMethod);
  const defMethod = def ? methods.find((m) => m.id === def.acctid) : undefined;
  return {
    id: profileId,
    description: def ? (t(def.name) ?? t(def.company)) : null,
    notes: null,
    flags: [],
    addresses: sorted.map(toAddress),
    paymentMethods: methods,
    defaults: {
      billingAddressId: def?.acctid ?? null,
      shippingAddressId: null,
      paymentMethodId: def?.acctid ?? null,
      paymentMethodType: defMethod?.kind ?? null,
    },
    createdAt: null,
    updatedAt: null,
  };
}

/** Each stored account's Elastic Path `card_connect` reference ("account_id|profile_id", seed 004). */
export function elasticPathReferences(customer: Customer): Array<{ paymentMethodId: string; reference: string }> {
  return customer.paymentMethods.map((m) => ({
    paymentMethodId: m.id,
    reference: elasticPathPaymentReference(customer.id, m.id),
  }));
}
