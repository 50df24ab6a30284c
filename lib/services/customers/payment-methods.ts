import { UserError } from "@/lib/errors";
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

/**
 * Changes a stored card in place — a new expiry, or a replacement card from a tokenizer token (card data never
 * reaches this server). The payment method keeps its id, so the subscriptions (FluidPay `payment_method_id`) and
 * billing plans (CardPointe `acctId`) that reference it charge the updated card from their next payment on.
 */
export async function updateStoredCard(
  merchantId: string,
  actor: Actor,
  input: { customerId: string; paymentMethodId: string } & ({ expiration: string } | { token: string }),
) {
  const gateway = await vaultGateway(merchantId);
  const before = await gateway.vault.getCustomer(input.customerId);
  const method = before.paymentMethods.find((p) => p.id === input.paymentMethodId);
  if (!method || method.kind !== "card")
    throw new UserError("invalid", "Choose one of the customer's saved cards.", {
      paymentMethodId: ["Choose one of the customer's saved cards."],
    });
  const replace = "token" in input;
  const customer = await gateway.vault.updatePaymentMethod(
    input.customerId,
    input.paymentMethodId,
    replace ? { kind: "token", token: input.token } : { kind: "expiration", expiration: input.expiration },
  );
  const after = customer.paymentMethods.find((p) => p.id === input.paymentMethodId);
  await recordCustomerChange(
    merchantId,
    actor,
    customer,
    replace ? "customer.payment_method.replace" : "customer.payment_method.expiry",
    {
      paymentMethodId: input.paymentMethodId,
      before: { lastFour: method.lastFour, expiration: method.expiration },
      after: after?.kind === "card" ? { lastFour: after.lastFour, expiration: after.expiration } : null,
    },
  );
  return customer;
}
