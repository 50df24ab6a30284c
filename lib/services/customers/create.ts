import type { CreateCustomerForm } from "@/lib/validations/customers";
import { type Actor, addressInput, hasAddress, recordCustomerChange, vaultGateway } from "./shared";

/** Creates the customer at the gateway (name and contact on its default billing address), then caches it. */
export async function createCustomer(merchantId: string, actor: Actor, input: CreateCustomerForm) {
  const gateway = await vaultGateway(merchantId);
  const address = addressInput(input);
  const customer = await gateway.vault.createCustomer({
    description: input.description,
    notes: input.notes,
    billingAddress: hasAddress(address) ? address : undefined,
  });
  await recordCustomerChange(merchantId, actor, customer, "customer.create");
  return customer;
}
