import { UserError, fieldError } from "@/lib/errors";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { InvalidRequest } from "@/lib/gateway/errors";
import type { Transaction } from "@/lib/gateway/types";
import { addCents, formatMoney } from "@/lib/money";
import { type Actor, auditView, recordTransactionChange } from "./fetch";
import { words } from "./capture";

/** Most a tip may be, as a share of the authorization: a typo ($500 for $5.00) is refused, not charged. */
export const MAX_TIP_PERCENT = 100;

/** Can a tip still be added to `t` through the documented APIs? Only a CardPointe authorization not yet captured. */
export function tipAdjustable(t: { family: string; type: string; status: string }): boolean {
  return t.family === "cardpointe" && t.type === "authorize" && t.status === "authorized";
}

/**
 * Add a tip to an open CardPointe authorization: `capture` for the authorized amount plus the tip. Capturing more
 * than was authorized is documented for tip adjustment on an entitled MID (CardPointeGatewayAPI.yaml L239,
 * services.md §2 "Lifecycle rules"); a MID without the entitlement refuses, and the user is told why. FluidPay has
 * no documented tip adjustment (its `/tipadjust` is not in seed 003): tips there are taken at the sale.
 */
export async function adjustTip(input: {
  merchantId: string;
  actor: Actor;
  transactionId: string;
  tip: number;
}): Promise<Transaction> {
  if (!Number.isSafeInteger(input.tip) || input.tip <= 0) throw fieldError("tip", "Enter a tip above zero.");
  const adapter = await gatewayForMerchant(input.merchantId);
  if (!isCardPointeAdapter(adapter)) {
    throw new UserError("unavailable", "Tips can be added after the sale only on CardPointe authorizations.");
  }
  const before = await adapter.transactions.get(input.transactionId);
  if (!tipAdjustable(before)) {
    throw fieldError(
      "tip",
      before.type === "authorize"
        ? `A tip can't be added: this authorization is ${words(before.status)}.`
        : "A tip can be added only to an authorization that has not been captured yet.",
    );
  }
  if (input.tip > Math.floor((before.authorizedAmount * MAX_TIP_PERCENT) / 100)) {
    throw fieldError(
      "tip",
      `A tip can be at most ${formatMoney(Math.floor((before.authorizedAmount * MAX_TIP_PERCENT) / 100), before.currency)} (the authorized amount).`,
    );
  }
  const total = addCents(before.authorizedAmount, input.tip);
  let captured: Transaction;
  try {
    captured = await adapter.transactions.capture(input.transactionId, { amount: total });
  } catch (err) {
    if (err instanceof InvalidRequest && /more than authorized/.test(err.message)) {
      throw fieldError(
        "tip",
        "The gateway refused to capture more than was authorized: this merchant account is not enabled for tip adjustment. Ask the processor to enable it.",
      );
    }
    throw err;
  }
  // The gateway keeps one amount (the new total); the split is the portal's to remember.
  const after: Transaction = { ...captured, tipAmount: input.tip, authorizedAmount: before.authorizedAmount };
  await recordTransactionChange(input.merchantId, [after], {
    actor: input.actor,
    action: "transaction.tip",
    targetId: after.id,
    before: auditView(before),
    after: { ...auditView(after), tipAmount: input.tip, requestedAmount: total },
  });
  return after;
}
