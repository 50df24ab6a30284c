"use server";

import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import { cancelTerminalRun } from "@/lib/services/terminals/cancel";
import { forBrowser, startTerminalRun } from "@/lib/services/terminals/run";
import { settleTerminal } from "@/lib/services/terminals/settle";
import { captureSignature } from "@/lib/services/terminals/signature";
import {
  cancelTerminalRunSchema,
  captureSignatureSchema,
  runTerminalSchema,
  settleTerminalSchema,
} from "@/lib/validations/terminals";

export const runTerminalAction = merchantAction("terminals:use", runTerminalSchema, async (ctx, input) => {
  const run = await startTerminalRun({
    merchantId: ctx.merchant.id,
    actor: { userId: ctx.user.id, role: ctx.role },
    terminalId: input.terminalId,
    type: input.type,
    amount: input.amount,
    intentId: input.intentId,
    orderId: input.orderId,
    description: input.description,
    tipPrompt: input.tipPrompt,
    signature: input.signature,
    force: input.force,
  });
  revalidate(`/m/${ctx.merchant.id}/transactions`);
  return run;
});

export const captureSignatureAction = merchantAction("terminals:use", captureSignatureSchema, async (ctx, input) => {
  const t = await captureSignature({
    merchantId: ctx.merchant.id,
    actor: { userId: ctx.user.id, role: ctx.role },
    transactionId: input.transactionId,
    terminalId: input.terminalId,
    force: input.force,
  });
  revalidate(`/m/${ctx.merchant.id}/transactions/${encodeURIComponent(t.id)}`);
  return { transaction: forBrowser(t), message: "Signature captured and attached to the transaction." };
});

export const cancelTerminalRunAction = merchantAction("terminals:use", cancelTerminalRunSchema, async (ctx, input) => {
  const run = await cancelTerminalRun({
    merchantId: ctx.merchant.id,
    actor: { userId: ctx.user.id, role: ctx.role },
    runId: input.runId,
    terminalId: input.terminalId,
  });
  revalidate(`/m/${ctx.merchant.id}/transactions`);
  return run;
});

export const settleTerminalAction = merchantAction("terminals:use", settleTerminalSchema, async (ctx, input) => {
  const r = await settleTerminal({
    merchantId: ctx.merchant.id,
    actor: { userId: ctx.user.id, role: ctx.role },
    terminalId: input.terminalId,
  });
  revalidate(`/m/${ctx.merchant.id}/transactions`, `/m/${ctx.merchant.id}/terminals`);
  return {
    message:
      r.refreshed > 0
        ? `Terminal settled: ${r.refreshed} transaction${r.refreshed === 1 ? "" : "s"} moved to the batch.`
        : "Terminal settled. It had no open transactions in the portal.",
  };
});
