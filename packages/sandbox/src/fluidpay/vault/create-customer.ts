import { newId } from "../core/ids";
import type { Queryable } from "../core/schema";
import { insertAddress, insertCustomer, insertPaymentMethod, type PaymentSecret, type VaultAddress } from "./store";

export interface NewCustomer {
  id?: string;
  description?: string;
  notes?: string;
  flags?: string[];
  payment?: PaymentSecret;
  billing?: VaultAddress;
  shipping?: VaultAddress;
}

/**
 * Creates a vault customer with optional default payment method and addresses; the same address as
 * billing and shipping is stored once and used for both defaults.
 */
export async function createCustomer(c: Queryable, accountId: string, input: NewCustomer, now: Date): Promise<string> {
  const id = input.id ?? newId();
  await insertCustomer(
    c,
    accountId,
    id,
    {
      description: input.description ?? "",
      notes: input.notes ?? "",
      flags: input.flags ?? [],
      defaults: { billing_address_id: "", shipping_address_id: "", payment_method_id: "", payment_method_type: "" },
    },
    now,
  );
  const defaults = { billing_address_id: "", shipping_address_id: "", payment_method_id: "", payment_method_type: "" };
  if (input.payment) {
    defaults.payment_method_id = await insertPaymentMethod(c, accountId, id, input.payment, now);
    defaults.payment_method_type = input.payment.kind;
  }
  if (input.billing) defaults.billing_address_id = await insertAddress(c, accountId, id, input.billing, now);
  if (input.shipping) {
    const same = input.billing && JSON.stringify(input.billing) === JSON.stringify(input.shipping);
    defaults.shipping_address_id = same
      ? defaults.billing_address_id
      : await insertAddress(c, accountId, id, input.shipping, now);
  }
  if (defaults.billing_address_id && !defaults.shipping_address_id)
    defaults.shipping_address_id = defaults.billing_address_id;
  if (defaults.shipping_address_id && !defaults.billing_address_id)
    defaults.billing_address_id = defaults.shipping_address_id;
  await c.query(
    `update sandbox_gateway.customers set data = jsonb_set(data, '{defaults}', $3::jsonb) where account_id = $1 and id = $2`,
    [accountId, id, JSON.stringify(defaults)],
  );
  return id;
}
