import { badRequest } from "../core/envelope";
import type { TxnAddress } from "../core/fields";
import type { Queryable } from "../core/schema";
import { consumeToken } from "../vault/tokens";
import {
  ADDRESS_FIELDS,
  loadAddress,
  loadPaymentMethod,
  requireCustomer,
  type PaymentSecret,
  type VaultAddress,
} from "../vault/store";
import type { PaymentInput } from "./validate";

/** What a transaction charges, once tokens, vault references and terminals are looked up. */
export type ResolvedPayment =
  | { kind: "secret"; label: "card" | "ach" | "token" | "customer"; secret: PaymentSecret; cvc?: string; entry: string }
  | { kind: "terminal"; terminalId: string; tpn: string; printReceipt: string; signatureRequired: boolean };

export interface ResolvedExtras {
  customerId?: string;
  customerPaymentId?: string;
  customerPaymentType?: string;
  surchargeExempt?: boolean;
  billing?: TxnAddress;
  shipping?: TxnAddress;
  billingAddressId?: string;
  shippingAddressId?: string;
}

/** A vault address field's name in a transaction-style address: the street lines are `address_line_1`/`_2` there. */
const txnField = (f: keyof VaultAddress) => (f === "line_1" || f === "line_2" ? `address_${f}` : f) as keyof TxnAddress;

export function vaultToTxnAddress(a: VaultAddress): TxnAddress {
  return Object.fromEntries(ADDRESS_FIELDS.map((f) => [txnField(f), a[f]])) as TxnAddress;
}

export function txnToVaultAddress(a: TxnAddress): VaultAddress {
  return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, a[txnField(f)]])) as VaultAddress;
}

export async function resolvePayment(
  c: Queryable,
  accountId: string,
  p: PaymentInput,
  now: Date,
): Promise<{ payment: ResolvedPayment; extras: ResolvedExtras }> {
  switch (p.kind) {
    case "card":
      return {
        payment: {
          kind: "secret",
          label: "card",
          secret: { kind: "card", number: p.number, expiration_date: p.expiration_date },
          cvc: p.cvc,
          entry: p.entry_type,
        },
        extras: {},
      };
    case "ach":
      return {
        payment: {
          kind: "secret",
          label: "ach",
          secret: {
            kind: "ach",
            account_number: p.account_number,
            routing_number: p.routing_number,
            account_type: p.account_type,
            sec_code: p.sec_code,
          },
          entry: "keyed",
        },
        extras: {},
      };
    case "token": {
      const secret = await consumeToken(c, accountId, p.token, now);
      return { payment: { kind: "secret", label: "token", secret, entry: "keyed" }, extras: {} };
    }
    case "terminal": {
      const r = await c.query<{ tpn: string; status: string }>(
        `select tpn, data->>'status' as status from sandbox_gateway.terminals where account_id = $1 and id = $2`,
        [accountId, p.id],
      );
      const t = r.rows[0];
      if (!t) throw badRequest("invalid payment_method.terminal.id");
      if (t.status !== "active") throw badRequest("invalid payment_method.terminal.id: terminal is not active");
      return {
        payment: {
          kind: "terminal",
          terminalId: p.id,
          tpn: t.tpn,
          printReceipt: p.print_receipt,
          signatureRequired: p.signature_required,
        },
        extras: {},
      };
    }
    case "customer": {
      const customer = await requireCustomer(c, accountId, p.id).catch(() => {
        throw badRequest("invalid payment_method.customer.id: customer not found");
      });
      const d = customer.data.defaults;
      const pmId = p.payment_method_id ?? d.payment_method_id;
      if (!pmId) throw badRequest("payment_method.customer.payment_method_id is required: customer has no default");
      const pm = await loadPaymentMethod(c, accountId, p.id, pmId);
      if (!pm || (p.payment_method_type && p.payment_method_type !== pm.type))
        throw badRequest("invalid payment_method.customer.payment_method_id");
      const billingId = p.billing_address_id ?? (d.billing_address_id || undefined);
      const shippingId = p.shipping_address_id ?? (d.shipping_address_id || undefined);
      const billing = billingId ? await loadAddress(c, accountId, p.id, billingId) : undefined;
      if (p.billing_address_id && !billing) throw badRequest("invalid payment_method.customer.billing_address_id");
      const shipping = shippingId ? await loadAddress(c, accountId, p.id, shippingId) : undefined;
      if (p.shipping_address_id && !shipping) throw badRequest("invalid payment_method.customer.shipping_address_id");
      return {
        payment: { kind: "secret", label: "customer", secret: pm.secret, entry: "keyed" },
        extras: {
          customerId: p.id,
          customerPaymentId: pm.id,
          customerPaymentType: pm.type,
          surchargeExempt: customer.data.flags.includes("surcharge_exempt"),
          billing: billing ? vaultToTxnAddress(billing) : undefined,
          shipping: shipping ? vaultToTxnAddress(shipping) : undefined,
          billingAddressId: billing ? billingId : undefined,
          shippingAddressId: shipping ? shippingId : undefined,
        },
      };
    }
  }
}
