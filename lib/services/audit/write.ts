import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";

export interface AuditEntry {
  actorUserId?: string | null;
  /** When the actor is not a user: "system:seed", "webhook:fluidpay", "customer:pay-page". */
  actorLabel?: string | null;
  merchantId?: string | null;
  partnerId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Append one audit row; call it inside the transaction of the change it records. */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    merchantId: entry.merchantId ?? null,
    partnerId: entry.partnerId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
  });
}
