import { isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import { log } from "@/lib/log";
import { syncMerchantBatches } from "@/lib/sync/batches";
import { syncMerchantInvoices } from "@/lib/services/invoices/sync";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import { syncMerchantSubscriptions } from "@/lib/sync/subscriptions";
import { getBoss, QUEUES } from "@/lib/queue/boss";
import { enqueueDepositReconcile, startReconciliationWorkers } from "./reconciliation";

interface MerchantJob {
  merchantId: string;
}

/** Queue one merchant's reconciliation; a pending one for the same merchant is not duplicated. */
export async function enqueueReconcile(merchantId: string): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(QUEUES.reconcileMerchant, { merchantId }, { singletonKey: merchantId });
}

export async function enqueueBackfill(merchantId: string): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(QUEUES.backfillMerchant, { merchantId }, { singletonKey: merchantId });
}

/** Registers the sync workers in this process, and the schedule that reconciles every merchant. */
export async function startSyncWorkers(): Promise<void> {
  const boss = await getBoss();
  await boss.work<MerchantJob>(QUEUES.reconcileMerchant, async ([job]) => {
    if (!job) return;
    await syncMerchantTransactions(job.data.merchantId, { kind: "reconcile" });
    await syncMerchantBatches(job.data.merchantId);
    await syncMerchantSubscriptions(job.data.merchantId);
    await syncMerchantInvoices(job.data.merchantId);
    // The three-way match runs on what this sync brought in (issue 20 §1).
    await enqueueDepositReconcile(job.data.merchantId);
  });
  await boss.work<MerchantJob>(QUEUES.backfillMerchant, async ([job]) => {
    if (!job) return;
    await syncMerchantTransactions(job.data.merchantId, { kind: "backfill" });
    await syncMerchantBatches(job.data.merchantId);
  });
  await boss.work(QUEUES.reconcileAll, async () => {
    const rows = await getDb().select({ id: merchants.id }).from(merchants).where(isNotNull(merchants.credentialsEnc));
    for (const m of rows) await enqueueReconcile(m.id);
    log().info({ merchants: rows.length }, "reconciliation scheduled");
  });
  await boss.schedule(QUEUES.reconcileAll, "*/15 * * * *");
  await startReconciliationWorkers();
}
