import type { Actor } from "./shared";
import { recordCustomerChange, vaultGateway } from "./shared";

/**
 * Stores a payment method from a tokenizer token (the only way the portal adds one: card and bank details
 * never reach this server). The gateway makes the first method the default; `makeDefault` moves it later.
 */
export async function addPaymentMethod(
  merchantId: string,
  actor: Actor,
  input: { customerId: string; token: string; makeDefault?: boolean },
) {
  const gateway = await vaultGateway(merchantId);
  const added0 = await gateway.vault.addPaymentMethod(input.customerId, { kind: "token", token: input.token });
  const { paymentMethodId } = added0;
  let { customer } = added0;
  const added = customer.paymentMethods.find((p) => p.id === paymentMethodId);
  if (input.makeDefault && added && !added.isDefault) {
    customer = await gateway.vault.updateCustomer(input.customerId, {
      defaults: { paymentMethodId, paymentMethodType: added.kind },
    });
  }
  await recordCustomerChange(merchantId, actor, customer, "customer.payment_method.add", {
    paymentMethodId,
    kind: added?.kind ?? null,
    lastFour: added?.lastFour ?? null,
  });
  return { customer, paymentMethodId };
}

export async function setDefaultPaymentMethod(
  merchantId: string,
  actor: Actor,
  input: { customerId: string; paymentMethodId: string; kind: "card" | "ach" },
) {
  const gateway = await vaultGateway(merchantId);
  const customer = await gateway.vault.updateCustomer(input.customerId, {
    defaults: { paymentMethodId: input.paymentMethodId, paymentMethodType: input.kind },
  });
  await recordCustomerChange(merchantId, actor, customer, "customer.payment_method.default", {
    paymentMethodId: input.paymentMethodId,
  });
  return customer;
}

export async function deletePaymentMethod(
  merchantId: string,
  actor: Actor,
  input: { customerId: string; paymentMethodId: string; kind: "card" | "ach" },
) {
  const gateway = await vaultGateway(merchantId);
  const customer = await gateway.vault.deletePaymentMethod(input.customerId, input.kind, input.paymentMethodId);
  await recordCustomerChange(merchantId, actor, customer, "customer.payment_method.delete", {
    paymentMethodId: input.paymentMethodId,
  });
  return customer;
}
