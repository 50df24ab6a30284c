import { badRequest } from "../core/envelope";
import { q } from "../core/schema";

/**
 * Read-only checks against the core's customer vault tables (sandbox_gateway.customers,
 * payment_methods, customer_addresses): a subscription must point at a customer of the same
 * account, and any payment method / address it names must belong to that customer.
 */
export interface SubscriptionCustomer {
  id: string;
  payment_method_type: string;
  payment_method_id: string;
  billing_address_id: string;
  shipping_address_id: string;
}

export async function customerExists(accountId: string, customerId: string): Promise<boolean> {
  const r = await q(`select 1 from sandbox_gateway.customers where account_id = $1 and id = $2`, [
    accountId,
    customerId,
  ]);
  return (r.rowCount ?? 0) > 0;
}

export async function checkSubscriptionCustomer(accountId: string, c: SubscriptionCustomer): Promise<void> {
  if (!c.id) throw badRequest("invalid customer.id: is required");
  if (!(await customerExists(accountId, c.id))) throw badRequest("invalid customer.id: customer not found");
  if (c.payment_method_type && !c.payment_method_id) {
    throw badRequest("invalid customer.payment_method_id: required when payment_method_type is present");
  }
  if (c.payment_method_id) {
    const r = await q<{ type: string }>(
      `select type from sandbox_gateway.payment_methods where account_id = $1 and customer_id = $2 and id = $3`,
      [accountId, c.id, c.payment_method_id],
    );
    const row = r.rows[0];
    if (!row) throw badRequest("invalid customer.payment_method_id: payment method not found for this customer");
    if (c.payment_method_type && row.type !== c.payment_method_type) {
      throw badRequest(`invalid customer.payment_method_type: payment method is ${row.type}`);
    }
  }
  for (const field of ["billing_address_id", "shipping_address_id"] as const) {
    const id = c[field];
    if (!id) continue;
    const r = await q(
      `select 1 from sandbox_gateway.customer_addresses where account_id = $1 and customer_id = $2 and id = $3`,
      [accountId, c.id, id],
    );
    if (!r.rowCount) throw badRequest(`invalid customer.${field}: address not found for this customer`);
  }
}
