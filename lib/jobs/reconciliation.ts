import { and, eq, isNotNull, isNull, ne, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { reconSettings } from "@/db/schema";
import { log } from "@/lib/log";
import { getBoss, QUEUES } from "@/lib/queue/boss";
import { closeMerchantBatches } from "@/lib/services/reconciliation/batch-close";
import { reconcileMerchantDeposits } from "@/lib/services/reconciliation/run";

interface MerchantJob {
  merchantId: string;
}

export async function enqueueDepositReconcile(merchantId: string): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(QUEUES.reconcileDeposits, { merchantId }, { singletonKey: merchantId });
}

/** Merchants whose daily auto-close time has passed today (UTC) and that were not closed today. */
export async function dueAutoCloses(now: Date): Promise<string[]> {
  const today = now.toISOString().slice(0, 10);
  const hhmm = now.toISOString().slice(11, 16);
  const rows = await getDb()
    .select({ merchantId: reconSettings.merchantId, at: reconSettings.autoCloseAt })
    .from(reconSettings)
    .where(
      and(
        isNotNull(reconSettings.autoCloseAt),
        or(isNull(reconSettings.lastAutoCloseDay), ne(reconSettings.lastAutoCloseDay, today)),
      ),
    );
  return rows.filter((r) => r.at !== null && r.at <= hhmm).map((r) => r.merchantId);
}

/** Runs the due auto-closes; each merchant is marked before the call so a crash cannot close twice in a day. */
export async function runAutoCloses(now = new Date()): Promise<number> {
  const due = await dueAutoCloses(now);
  for (const merchantId of due) {
    await getDb()
      .update(reconSettings)
      .set({ lastAutoCloseDay: now.toISOString().slice(0, 10) })
      .where(eq(reconSettings.merchantId, merchantId));
    try {
      await closeMerchantBatches(merchantId, { userId: null, label: "system:auto-close" });
      await enqueueDepositReconcile(merchantId);
    } catch (err) {
      log().warn({ err, merchantId }, "scheduled batch close failed");
    }
  }
  return due.length;
}

export async function startReconciliationWorkers(): Promise<void> {
  const boss = await getBoss();
  await boss.work<MerchantJob>(QUEUES.reconcileDeposits, async ([job]) => {
    if (!job) return;
    await reconcileMerchantDeposits(job.data.merchantId);
  });
  await boss.work(QUEUES.batchAutoClose, async () => {
    await runAutoCloses();
  });
  await boss.schedule(QUEUES.batchAutoClose, "* * * * *");
}
