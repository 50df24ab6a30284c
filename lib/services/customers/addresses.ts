import type { SaveAddressForm } from "@/lib/validations/customers";
import { type Actor, addressInput, recordCustomerChange, vaultGateway } from "./shared";

/** Adds (no addressId) or edits an address of the customer. */
export async function saveAddress(merchantId: string, actor: Actor, input: SaveAddressForm) {
  const gateway = await vaultGateway(merchantId);
  const address = addressInput(input);
  if (input.addressId) {
    const customer = await gateway.vault.updateAddress(input.customerId, input.addressId, address);
    await recordCustomerChange(merchantId, actor, customer, "customer.address.update", { addressId: input.addressId });
    return { customer, addressId: input.addressId };
  }
  const { customer, addressId } = await gateway.vault.addAddress(input.customerId, address);
  await recordCustomerChange(merchantId, actor, customer, "customer.address.add", { addressId });
  return { customer, addressId };
}

export async function deleteAddress(merchantId: string, actor: Actor, customerId: string, addressId: string) {
  const gateway = await vaultGateway(merchantId);
  const customer = await gateway.vault.deleteAddress(customerId, addressId);
  await recordCustomerChange(merchantId, actor, customer, "customer.address.delete", { addressId });
  return customer;
}

export async function setDefaultAddress(
  merchantId: string,
  actor: Actor,
  input: { customerId: string; addressId: string; role: "billing" | "shipping" },
) {
  const gateway = await vaultGateway(merchantId);
  const customer = await gateway.vault.updateCustomer(input.customerId, {
    defaults: input.role === "billing" ? { billingAddressId: input.addressId } : { shippingAddressId: input.addressId },
  });
  await recordCustomerChange(merchantId, actor, customer, `customer.address.default_${input.role}`, {
    addressId: input.addressId,
  });
  return customer;
}
