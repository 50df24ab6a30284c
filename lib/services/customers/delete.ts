import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/services/audit/write";
import { markCustomerDeleted } from "@/lib/sync/customers";
import { type Actor, vaultGateway } from "./shared";

/** Deletes the customer at the gateway, then hides it in the cache (its transactions keep their history). */
export async function deleteCustomer(merchantId: string, actor: Actor, customerId: string): Promise<void> {
  const gateway = await vaultGateway(merchantId);
  await gateway.vault.deleteCustomer(customerId);
  await getDb().transaction(async (tx) => {
    await markCustomerDeleted(tx, merchantId, customerId);
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action: "customer.delete",
      targetType: "customer",
      targetId: customerId,
    });
  });
}
