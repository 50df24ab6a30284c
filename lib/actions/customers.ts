"use server";

import { oncePerIntent } from "@/lib/services/intents";
import { intentField } from "@/lib/validations/intent";
import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import type { MerchantContext } from "@/lib/auth/guard";
import {
  addPaymentMethod,
  deletePaymentMethod,
  setDefaultPaymentMethod,
  updateStoredCard,
} from "@/lib/services/customers/payment-methods";
import { deleteAddress, saveAddress, setDefaultAddress } from "@/lib/services/customers/addresses";
import { createCustomer } from "@/lib/services/customers/create";
import { deleteCustomer } from "@/lib/services/customers/delete";
import { updateCustomer } from "@/lib/services/customers/update";
import {
  addPaymentMethodSchema,
  addressRefSchema,
  createCustomerSchema,
  deleteCustomerSchema,
  paymentMethodRefSchema,
  replaceCardSchema,
  saveAddressSchema,
  setDefaultAddressSchema,
  updateCardExpirySchema,
  updateCustomerSchema,
} from "@/lib/validations/customers";

/** Customer vault actions: guard → validate → service (gateway first, then write-through) → revalidate. */

function refresh(merchantId: string, customerId?: string) {
  revalidate(`/m/${merchantId}/customers`, ...(customerId ? [`/m/${merchantId}/customers/${customerId}`] : []));
}

export const createCustomerAction = merchantAction(
  "customers:edit",
  createCustomerSchema.and(intentField),
  async (ctx, input) => {
    const result = await oncePerIntent(
      { scope: ctx.merchant.id, kind: "customer.create", intentId: input.intentId },
      async () => ({ customerId: (await createCustomer(ctx.merchant.id, { userId: ctx.user.id }, input)).id }),
    );
    refresh(ctx.merchant.id);
    return result;
  },
);

export const updateCustomerAction = merchantAction("customers:edit", updateCustomerSchema, async (ctx, input) => {
  const customer = await updateCustomer(ctx.merchant.id, { userId: ctx.user.id }, input);
  refresh(ctx.merchant.id, customer.id);
  return { customerId: customer.id };
});

export const deleteCustomerAction = merchantAction("customers:edit", deleteCustomerSchema, async (ctx, input) => {
  await deleteCustomer(ctx.merchant.id, { userId: ctx.user.id }, input.customerId);
  refresh(ctx.merchant.id, input.customerId);
  return { customerId: input.customerId };
});

export const saveAddressAction = merchantAction("customers:edit", saveAddressSchema, async (ctx, input) => {
  const { addressId } = await saveAddress(ctx.merchant.id, { userId: ctx.user.id }, input);
  refresh(ctx.merchant.id, input.customerId);
  return { addressId };
});

export const deleteAddressAction = merchantAction("customers:edit", addressRefSchema, async (ctx, input) => {
  await deleteAddress(ctx.merchant.id, { userId: ctx.user.id }, input.customerId, input.addressId);
  refresh(ctx.merchant.id, input.customerId);
  return { addressId: input.addressId };
});

export const setDefaultAddressAction = merchantAction("customers:edit", setDefaultAddressSchema, async (ctx, input) => {
  await setDefaultAddress(ctx.merchant.id, { userId: ctx.user.id }, input);
  refresh(ctx.merchant.id, input.customerId);
  return { addressId: input.addressId };
});

export const addPaymentMethodAction = merchantAction("customers:edit", addPaymentMethodSchema, async (ctx, input) => {
  const { paymentMethodId } = await addPaymentMethod(ctx.merchant.id, { userId: ctx.user.id }, input);
  refresh(ctx.merchant.id, input.customerId);
  return { paymentMethodId };
});

export const setDefaultPaymentMethodAction = merchantAction(
  "customers:edit",
  paymentMethodRefSchema,
  async (ctx, input) => {
    await setDefaultPaymentMethod(ctx.merchant.id, { userId: ctx.user.id }, input);
    refresh(ctx.merchant.id, input.customerId);
    return { paymentMethodId: input.paymentMethodId };
  },
);

export const deletePaymentMethodAction = merchantAction(
  "customers:edit",
  paymentMethodRefSchema,
  async (ctx, input) => {
    await deletePaymentMethod(ctx.merchant.id, { userId: ctx.user.id }, input);
    refresh(ctx.merchant.id, input.customerId);
    return { paymentMethodId: input.paymentMethodId };
  },
);

/** Changes a saved card in place: its expiry, or the card itself from a tokenizer token. */
async function changeStoredCard(ctx: MerchantContext, input: Parameters<typeof updateStoredCard>[2]) {
  await updateStoredCard(ctx.merchant.id, { userId: ctx.user.id }, input);
  refresh(ctx.merchant.id, input.customerId);
  return { paymentMethodId: input.paymentMethodId };
}

export const updateCardExpiryAction = merchantAction("customers:edit", updateCardExpirySchema, changeStoredCard);
export const replaceCardAction = merchantAction("customers:edit", replaceCardSchema, changeStoredCard);
