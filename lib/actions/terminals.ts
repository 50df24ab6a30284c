"use server";

import type { z } from "zod";
import { merchantAction, merchantScope, revalidate } from "@/lib/actions/safe-action";
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

/** Starting or cancelling a run on a terminal: the service's run back to the console, the transactions list fresh. */
function terminalRunAction<S extends z.ZodType<object>, T>(
  schema: S,
  service: (args: z.output<S> & ReturnType<typeof merchantScope>) => Promise<T>,
) {
  return merchantAction("terminals:use", schema, async (ctx, input) => {
    const run = await service({ ...input, ...merchantScope(ctx) });
    revalidate(`/m/${ctx.merchant.id}/transactions`);
    return run;
  });
}

export const runTerminalAction = terminalRunAction(runTerminalSchema, startTerminalRun);

export const captureSignatureAction = merchantAction("terminals:use", captureSignatureSchema, async (ctx, input) => {
  const t = await captureSignature({ ...input, ...merchantScope(ctx) });
  revalidate(`/m/${ctx.merchant.id}/transactions/${encodeURIComponent(t.id)}`);
  return { transaction: forBrowser(t), message: "Signature captured and attached to the transaction." };
});

export const cancelTerminalRunAction = terminalRunAction(cancelTerminalRunSchema, cancelTerminalRun);

export const settleTerminalAction = merchantAction("terminals:use", settleTerminalSchema, async (ctx, input) => {
  const r = await settleTerminal({ ...input, ...merchantScope(ctx) });
  revalidate(`/m/${ctx.merchant.id}/transactions`, `/m/${ctx.merchant.id}/terminals`);
  return {
    message:
      r.refreshed > 0
        ? `Terminal settled: ${r.refreshed} transaction${r.refreshed === 1 ? "" : "s"} moved to the batch.`
        : "Terminal settled. It had no open transactions in the portal.",
  };
});
