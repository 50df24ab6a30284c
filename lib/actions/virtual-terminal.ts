"use server";

import { getCustomer, listChargeableCustomers } from "@/db/queries/customers";
import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import { charge, previewCharge } from "@/lib/services/transactions/charge";
import {
  chargeSchema,
  customerRefSchema,
  customerSearchSchema,
  previewSchema,
} from "@/lib/validations/virtual-terminal";

/** Virtual terminal: charge (idempotent by the form's intent id), fee preview, and the vault picker's reads. */

export const chargeAction = merchantAction("transactions:charge", chargeSchema, async (ctx, input) => {
  const result = await charge(ctx.merchant.id, { userId: ctx.user.id, role: ctx.role }, input);
  revalidate(`/m/${ctx.merchant.id}/transactions`, `/m/${ctx.merchant.id}`);
  return result;
});

export const previewChargeAction = merchantAction("transactions:charge", previewSchema, async (ctx, input) =>
  previewCharge(ctx.merchant.id, input),
);

export const searchChargeableCustomersAction = merchantAction(
  "transactions:charge",
  customerSearchSchema,
  async (ctx, input) => listChargeableCustomers({ merchantId: ctx.merchant.id, q: input.q, limit: 20 }),
);

export const customerPaymentOptionsAction = merchantAction(
  "transactions:charge",
  customerRefSchema,
  async (ctx, input) => {
    const c = await getCustomer({ merchantId: ctx.merchant.id, customerId: input.customerId });
    if (!c) return null;
    return { id: c.id, name: c.name, email: c.email, paymentMethods: c.paymentMethods, addresses: c.addresses };
  },
);
