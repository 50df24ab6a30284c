import type {
  CreateCustomerInput,
  Customer,
  CustomerQuery,
  StoredPaymentMethod,
  UpdateCustomerInput,
  VaultPaymentInput,
} from "../types";
import type { WireVaultCustomer } from "./schemas";
import { BLANK_ADDRESS } from "@/lib/gateway/types-common";
import {
  cardBrand,
  expiration,
  isoTime,
  lastFour,
  text,
  toAddress,
  toWireVaultAddress,
  wireExpiration,
} from "./transform-shared";
import type { WireSearchBody, WireVaultAddressBody } from "./types";

/** Customer vault (`/api/vault/...`) ↔ domain. */

function methodType(v: string | null | undefined): "card" | "ach" | null {
  const t = (v ?? "").toLowerCase();
  return t === "card" || t === "ach" ? t : null;
}

export function toCustomer(w: WireVaultCustomer): Customer {
  const c = w.data.customer;
  const defaults = {
    billingAddressId: text(c.defaults?.billing_address_id),
    shippingAddressId: text(c.defaults?.shipping_address_id),
    paymentMethodId: text(c.defaults?.payment_method_id),
    paymentMethodType: methodType(c.defaults?.payment_method_type),
  };
  const cards: StoredPaymentMethod[] = (c.payments?.cards ?? []).map((card) => {
    const masked = text(card.masked_number) ?? text(card.masked_card);
    return {
      kind: "card",
      id: card.id,
      brand: cardBrand(card.card_type),
      maskedNumber: masked,
      lastFour: text(card.last_four) ?? lastFour(masked),
      expiration: expiration(card.expiration_date),
      isDefault: card.id === defaults.paymentMethodId,
    };
  });
  const achs: StoredPaymentMethod[] = (c.payments?.ach ?? []).map((a) => {
    const accountType = (a.account_type ?? "").toLowerCase();
    return {
      kind: "ach",
      id: a.id,
      maskedAccount: text(a.masked_account_number),
      lastFour: lastFour(a.masked_account_number),
      routingNumber: text(a.routing_number),
      accountType: accountType === "checking" || accountType === "savings" ? accountType : null,
      secCode: text(a.sec_code),
      isDefault: a.id === defaults.paymentMethodId,
    };
  });
  return {
    id: w.id,
    description: text(c.description),
    notes: text(c.notes),
    flags: c.flags ?? [],
    addresses: (c.addresses ?? []).map((a) => ({
      id: a.id,
      // toAddress returns null only when every field is blank; a stored address still has an id worth keeping.
      ...(toAddress(a) ?? BLANK_ADDRESS),
    })),
    paymentMethods: [...cards, ...achs],
    defaults,
    createdAt: isoTime(w.created_at),
    updatedAt: isoTime(w.updated_at),
  };
}

export function toWireVaultPayment(p: VaultPaymentInput) {
  switch (p.kind) {
    case "token":
      return { token: p.token };
    case "card":
      return { card: { number: p.number.replace(/\D/g, ""), expiration_date: wireExpiration(p.expiration) } };
    case "ach":
      return {
        ach: {
          account_number: p.accountNumber,
          routing_number: p.routingNumber,
          account_type: p.accountType,
          sec_code: p.secCode,
        },
      };
  }
}

export function toCreateCustomerBody(input: CreateCustomerInput) {
  return {
    id: input.id,
    description: input.description ?? "",
    notes: input.notes,
    flags: input.flags ?? [],
    default_payment: input.paymentMethod ? toWireVaultPayment(input.paymentMethod) : undefined,
    default_billing_address: toWireVaultAddress(input.billingAddress),
    default_shipping_address: toWireVaultAddress(input.shippingAddress),
  };
}

export function toUpdateCustomerBody(input: UpdateCustomerInput) {
  const d = input.defaults;
  return {
    description: input.description,
    notes: input.notes,
    flags: input.flags,
    defaults: d
      ? {
          billing_address_id: d.billingAddressId,
          shipping_address_id: d.shippingAddressId,
          payment_method_id: d.paymentMethodId,
          payment_method_type: d.paymentMethodType,
        }
      : undefined,
  };
}

/** Add/update payment method: the body is the method's own fields (seed: `/card` takes number + expiry). */
export function toPaymentMethodBody(p: VaultPaymentInput): { path: "card" | "ach" | "token"; body: object } {
  const w = toWireVaultPayment(p);
  if ("card" in w && w.card) return { path: "card", body: w.card };
  if ("ach" in w && w.ach) return { path: "ach", body: w.ach };
  return { path: "token", body: w };
}

export function toAddressBody(a: Parameters<typeof toWireVaultAddress>[0]): WireVaultAddressBody {
  return toWireVaultAddress(a) ?? {};
}

function eq(value: string | undefined) {
  return value === undefined ? undefined : { operator: "=" as const, value };
}

export function toCustomerSearchBody(q: CustomerQuery = {}): WireSearchBody {
  return {
    id: eq(q.id),
    first_name: eq(q.firstName),
    last_name: eq(q.lastName),
    company: eq(q.company),
    email: eq(q.email),
    phone: eq(q.phone),
    postal_code: eq(q.postalCode),
    limit: Math.min(100, Math.max(1, Math.trunc(q.limit ?? 25))),
    offset: Math.max(0, Math.trunc(q.offset ?? 0)),
  };
}
