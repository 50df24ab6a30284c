import { UserError } from "@/lib/errors";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { voidTransaction } from "@/lib/services/transactions/void";
import type { Actor } from "@/lib/services/transactions/fetch";
import { pollTerminalRun, type TerminalRunView } from "./run";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Cancel a run that is waiting at the device. On CardPointe the prompt is withdrawn with the terminal's `cancel`;
 * FluidPay has no call that withdraws a pending card-present request, so cancelling there means: wait (briefly) for
 * the device to finish, then void what it approved. A decline needs nothing; a device still busy after the wait is reported, never guessed.
 */
export async function cancelTerminalRun(input: {
  merchantId: string;
  actor: Actor;
  runId: string;
  /** The device the run is on: CardPointe's `cancel` withdraws the prompt there. */
  terminalId?: string;
  waitMs?: number;
}): Promise<TerminalRunView & { cancelled: boolean }> {
  const adapter = await gatewayForMerchant(input.merchantId);
  // CardPointe documents `cancel` (services.md §3.2): the prompt leaves the device and authCard ends with errorCode 8,
  // leaving no gateway record. The short wait below still catches an auth that went through just before.
  const sentToDevice =
    input.terminalId && isCardPointeAdapter(adapter) ? await adapter.terminals.cancel(input.terminalId) : false;
  const deadline = Date.now() + (input.waitMs ?? (sentToDevice ? 3_000 : 15_000));
  let run = await pollTerminalRun(input.merchantId, input.runId);
  while ((run.state === "waiting" || run.state === "processing") && Date.now() < deadline) {
    await sleep(750);
    run = await pollTerminalRun(input.merchantId, input.runId);
  }
  if ((run.state === "waiting" || run.state === "processing") && sentToDevice) {
    return {
      ...run,
      state: "error",
      message: "Cancelled: the prompt was withdrawn from the terminal.",
      cancelled: true,
    };
  }
  if (run.state === "waiting" || run.state === "processing") {
    throw new UserError(
      "conflict",
      "The terminal is still waiting for the card. Press Cancel on the device; nothing is charged until a card is presented.",
    );
  }
  if (run.state !== "approved") return { ...run, cancelled: true };
  const voided = await voidTransaction({
    merchantId: input.merchantId,
    actor: input.actor,
    transactionId: input.runId,
  });
  return { ...run, transaction: voided, message: "Cancelled: the approval was voided.", cancelled: true };
}
