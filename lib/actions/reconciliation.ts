"use server";

import { formatMoney } from "@/lib/money";
import { closeMerchantBatches } from "@/lib/services/reconciliation/batch-close";
import { assignException, closeException } from "@/lib/services/reconciliation/exceptions";
import { reconcileMerchantDeposits } from "@/lib/services/reconciliation/run";
import { updateReconSettings } from "@/lib/services/reconciliation/settings";
import { syncMerchantBatches } from "@/lib/sync/batches";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import {
  assignExceptionSchema,
  closeBatchSchema,
  closeExceptionSchema,
  reconcileNowSchema,
  reconSettingsSchema,
} from "@/lib/validations/reconciliation";
import { merchantAction, revalidate } from "./safe-action";

/** Reconciliation (issue 20 §1–2). Each change is audited by its service. */

const paths = (merchantId: string) => `/m/${merchantId}/reconciliation`;

/** Sync transactions and batches, then run the three-way match now (the job does it after every scheduled sync). */
export const reconcileNowAction = merchantAction("merchant:view", reconcileNowSchema, async (ctx) => {
  await syncMerchantTransactions(ctx.merchant.id, { kind: "reconcile" });
  await syncMerchantBatches(ctx.merchant.id);
  const r = await reconcileMerchantDeposits(ctx.merchant.id);
  revalidate({ layout: paths(ctx.merchant.id) });
  return r;
});

export const closeBatchAction = merchantAction("transactions:capture", closeBatchSchema, async (ctx) => {
  const r = await closeMerchantBatches(ctx.merchant.id, { userId: ctx.user.id });
  revalidate(`/m/${ctx.merchant.id}/settlements`);
  return {
    closed: r.closed,
    note: r.note,
    batches: r.batches.map((b) => ({
      id: b.id,
      number: b.batchNumber,
      count: b.transactionCount,
      captured: formatMoney(b.capturedAmount),
      credits: formatMoney(b.creditAmount),
      net: formatMoney(b.netDeposit),
    })),
  };
});

export const closeExceptionAction = merchantAction("reports:export", closeExceptionSchema, async (ctx, input) => {
  await closeException(
    { merchantId: ctx.merchant.id, userId: ctx.user.id },
    { id: input.exceptionId, outcome: input.outcome, note: input.note },
  );
  revalidate({ layout: paths(ctx.merchant.id) });
  return { outcome: input.outcome };
});

export const assignExceptionAction = merchantAction("reports:export", assignExceptionSchema, async (ctx, input) => {
  await assignException(
    { merchantId: ctx.merchant.id, userId: ctx.user.id },
    { id: input.exceptionId, ownerUserId: input.ownerUserId },
  );
  revalidate({ layout: paths(ctx.merchant.id) });
  return { ownerUserId: input.ownerUserId };
});

export const updateReconSettingsAction = merchantAction("settings:manage", reconSettingsSchema, async (ctx, input) => {
  await updateReconSettings({ merchantId: ctx.merchant.id, userId: ctx.user.id }, input);
  revalidate({ layout: paths(ctx.merchant.id) });
  return input;
});
