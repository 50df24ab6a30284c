import type { UpdateCustomerForm } from "@/lib/validations/customers";
import { type Actor, addressInput, hasAddress, recordCustomerChange, vaultGateway } from "./shared";

/**
 * Edits description/notes and the customer's primary (default billing) address, which carries the name and
 * contact details; a customer without addresses gets one, made the default billing address.
 */
export async function updateCustomer(merchantId: string, actor: Actor, input: UpdateCustomerForm) {
  const gateway = await vaultGateway(merchantId);
  const current = await gateway.vault.getCustomer(input.customerId);
  let customer = await gateway.vault.updateCustomer(input.customerId, {
    description: input.description ?? "",
    // Notes are not cached, so the edit form does not show them: absent means unchanged.
    notes: input.notes,
  });
  const address = addressInput(input);
  const primaryId = current.defaults.billingAddressId ?? current.addresses[0]?.id ?? null;
  if (primaryId) {
    customer = await gateway.vault.updateAddress(input.customerId, primaryId, address);
  } else if (hasAddress(address)) {
    const added = await gateway.vault.addAddress(input.customerId, address);
    customer = await gateway.vault.updateCustomer(input.customerId, {
      defaults: { billingAddressId: added.addressId },
    });
  }
  await recordCustomerChange(merchantId, actor, customer, "customer.update");
  return customer;
}
