import { getDb } from "@/db/client";
import { Unsupported } from "@/lib/gateway/errors";
import type { AddressInput, Customer, GatewayAdapter } from "@/lib/gateway/types";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { upsertCustomers } from "@/lib/sync/customers";
import type { SaveAddressForm } from "@/lib/validations/customers";

/** Who is changing the vault: a portal user (audit rows name them). */
export interface Actor {
  userId: string;
}

/** The merchant's adapter, refusing plainly when its gateway family has no customer vault. */
export async function vaultGateway(merchantId: string): Promise<GatewayAdapter> {
  const gateway = await gatewayForMerchant(merchantId);
  if (!gateway.capabilities.vault) throw new Unsupported(gateway.family, "vault");
  return gateway;
}

/** Write-through after a gateway write: the returned customer into the cache, with its audit row, atomically. */
export async function recordCustomerChange(
  merchantId: string,
  actor: Actor,
  customer: Customer,
  action: string,
  after?: unknown,
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await upsertCustomers(tx, merchantId, [customer]);
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action,
      targetType: "customer",
      targetId: customer.id,
      after: after ?? null,
    });
  });
}

/** Form fields → the gateway's address input (blank fields omitted). */
export function addressInput(f: Partial<SaveAddressForm>): AddressInput {
  return {
    firstName: f.firstName,
    lastName: f.lastName,
    company: f.company,
    line1: f.line1,
    line2: f.line2,
    city: f.city,
    state: f.state,
    postalCode: f.postalCode,
    country: f.country,
    email: f.email,
    phone: f.phone,
  };
}

export function hasAddress(a: AddressInput): boolean {
  return Object.values(a).some((v) => v !== undefined && v !== null && v !== "");
}
