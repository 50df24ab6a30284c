import { createHash } from "node:crypto";
import { registerClockHook } from "../core/clock";
import { q, type Queryable, withTx } from "../core/schema";
import type { Account } from "../core/types";
import { emitWebhook, WEBHOOK_EVENTS } from "../core/webhooks";
import { processTransaction } from "../transactions/process";
import { cycleAmount } from "./amounts";
import { addDays, nextBillDate, utcDate } from "./schedule";
import { getSubscription, scheduleOf, subscriptionWire, type Subscription } from "./subscription-store";

/**
 * The billing engine, run by the simulated clock for every day it passes (≤ 1 day per step).
 *
 * A subscription is due when it is `active` and next_bill_date ≤ the step's date, or `failing` and its
 * retry date ≤ the step's date. Each due charge goes through processTransaction (source "recurring",
 * the subscription's customer and payment method) for amount + active add-ons − active discounts.
 * - approved (response_code 100-199, partial approvals included): cycles_charged + 1, next_bill_date
 *   moves on by the schedule, failures reset; when cycles_charged reaches a non-zero duration → completed.
 * - declined / gateway or processor error / unreachable: attempt counted, status `failing`, retried the
 *   next day; the MAX_ATTEMPTS-th consecutive failure of a cycle → `past_due` (billing stops until the
 *   merchant re-activates it). next_bill_date keeps the unpaid cycle's date meanwhile.
 * - rejected as invalid (HTTP 4xx, e.g. the payment method was deleted) → `error`, no retries.
 * A cycle worth $0 after discounts is counted as billed without a transaction.
 */
export const MAX_ATTEMPTS = 3;
/** Guards against a runaway loop if a schedule ever failed to advance. */
const MAX_CHARGES_PER_STEP = 400;

type Outcome =
  | { kind: "approved"; transaction?: Record<string, unknown> }
  | { kind: "declined"; transaction?: Record<string, unknown> }
  | { kind: "rejected"; error: string };

/** A stable UUID per (subscription, cycle, attempt): a re-run of the same attempt can never charge twice. */
export function chargeIdempotencyKey(accountId: string, subscriptionId: string, cycle: number, attempt: number) {
  const h = createHash("sha256").update(`${accountId}:${subscriptionId}:${cycle}:${attempt}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function isDue(s: Subscription, today: string): boolean {
  if (s.status === "active") return s.next_bill_date <= today;
  if (s.status === "failing") return s.retry_date !== null && s.retry_date <= today;
  return false;
}

/**
 * The stored-credential (CIT/MIT) fields of a subscription charge, seed 003 "CIT - MIT" (lines 497-500, 602-606):
 * the first charge is customer-initiated and stores the card (`initiated_by` "customer",
 * `stored_credential_indicator` "stored", `billing_method` "initial_recurring"); every later charge is
 * merchant-initiated with the stored card (`initiated_by` "merchant", `stored_credential_indicator` "used",
 * `billing_method` "recurring") and carries the first approved charge's id as `initial_transaction_id`.
 * `card_on_file_indicator` is "R" (recurring payment) on both.
 */
export function storedCredentialFields(initialTransactionId: string | null) {
  return initialTransactionId === null
    ? {
        billing_method: "initial_recurring",
        initiated_by: "customer",
        stored_credential_indicator: "stored",
        card_on_file_indicator: "R",
      }
    : {
        billing_method: "recurring",
        initiated_by: "merchant",
        stored_credential_indicator: "used",
        card_on_file_indicator: "R",
        initial_transaction_id: initialTransactionId,
      };
}

/** The id of the subscription's first approved charge (the stored-credential "initial" transaction), if any. */
async function initialTransactionId(
  client: Queryable,
  accountId: string,
  subscriptionId: string,
): Promise<string | null> {
  const r = await client.query<{ transaction_id: string }>(
    `select transaction_id from sandbox_gateway.recurring_charges
     where account_id = $1 and subscription_id = $2 and result = 'approved' and transaction_id is not null
     order by cycle, attempt limit 1`,
    [accountId, subscriptionId],
  );
  return r.rows[0]?.transaction_id ?? null;
}

function chargeBody(s: Subscription, amount: number, key: string, initialTxnId: string | null) {
  const customer: Record<string, string> = { id: s.customer.id };
  for (const f of ["payment_method_type", "payment_method_id", "billing_address_id", "shipping_address_id"] as const) {
    if (s.customer[f]) customer[f] = s.customer[f];
  }
  return {
    type: "sale",
    amount,
    currency: s.currency,
    description: s.description || `Subscription ${s.id}`,
    ...storedCredentialFields(initialTxnId),
    idempotency_key: key,
    payment_method: { customer },
  };
}

async function charge(
  account: Account,
  s: Subscription,
  amount: number,
  key: string,
  now: Date,
  initialTxnId: string | null,
): Promise<Outcome> {
  try {
    const res = await processTransaction(account, chargeBody(s, amount, key, initialTxnId), {
      source: "recurring",
      subscriptionId: s.id,
      now,
    });
    if (res.httpStatus >= 400 && res.httpStatus < 500) return { kind: "rejected", error: res.error ?? "rejected" };
    const code = Number(res.data?.response_code);
    if (res.httpStatus < 300 && code >= 100 && code < 200) return { kind: "approved", transaction: res.data };
    return { kind: "declined", transaction: res.data };
  } catch {
    return { kind: "declined" };
  }
}

/** Bills one due cycle (or retry) of one subscription; returns whether it did anything. */
async function billOnce(account: Account, subscriptionId: string, today: string, now: Date): Promise<boolean> {
  const done = await withTx(async (client) => {
    const s = await getSubscription(account.id, subscriptionId, client, true);
    if (!s || !isDue(s, today)) return undefined;
    const cycle = s.cycles_charged + 1;
    const attempt = s.status === "failing" ? s.failed_attempts + 1 : 1;
    const amounts = cycleAmount(s.amount, s.add_ons, s.discounts, s.cycles_charged);
    const outcome: Outcome =
      amounts.amount === 0
        ? { kind: "approved" }
        : await charge(
            account,
            s,
            amounts.amount,
            chargeIdempotencyKey(account.id, s.id, cycle, attempt),
            now,
            await initialTransactionId(client, account.id, s.id),
          );
    const txn = outcome.kind === "rejected" ? undefined : outcome.transaction;
    await client.query(
      `insert into sandbox_gateway.recurring_charges (account_id, subscription_id, cycle, attempt, bill_date,
         attempted_at, amount, add_ons, discounts, result, transaction_id, response_code)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) on conflict do nothing`,
      [
        account.id,
        s.id,
        cycle,
        attempt,
        s.next_bill_date,
        now,
        amounts.amount,
        amounts.addOns,
        amounts.discounts,
        outcome.kind,
        typeof txn?.id === "string" ? txn.id : null,
        txn?.response_code === undefined ? null : Number(txn.response_code),
      ],
    );
    if (outcome.kind === "approved") {
      const charged = s.cycles_charged + 1;
      const finished = s.duration > 0 && charged >= s.duration;
      await client.query(
        `update sandbox_gateway.recurring_subscriptions set cycles_charged = $3, failed_attempts = 0, retry_date = null,
           status = $4, next_bill_date = $5, updated_at = $6 where account_id = $1 and id = $2`,
        [
          account.id,
          s.id,
          charged,
          finished ? "completed" : "active",
          nextBillDate(s.next_bill_date, scheduleOf(s)),
          now,
        ],
      );
    } else {
      const failures = s.failed_attempts + 1;
      const status = outcome.kind === "rejected" ? "error" : failures >= MAX_ATTEMPTS ? "past_due" : "failing";
      await client.query(
        `update sandbox_gateway.recurring_subscriptions set failed_attempts = $3, status = $4, retry_date = $5,
           updated_at = $6 where account_id = $1 and id = $2`,
        [account.id, s.id, failures, status, status === "failing" ? addDays(today, 1) : null, now],
      );
    }
    const after = await getSubscription(account.id, s.id, client);
    return { outcome, after, charged: amounts.amount > 0 };
  });
  if (!done) return false;
  if (done.charged && done.after) {
    const type =
      done.outcome.kind === "approved" ? WEBHOOK_EVENTS.subscriptionCharge : WEBHOOK_EVENTS.subscriptionChargeFail;
    const transaction = done.outcome.kind === "rejected" ? null : (done.outcome.transaction ?? null);
    const reason = done.outcome.kind === "rejected" ? done.outcome.error : undefined;
    await emitWebhook(account.id, type, { subscription: subscriptionWire(done.after), transaction, reason }).catch(
      () => undefined,
    );
  }
  return true;
}

/** Clock hook: every subscription due on the step's date, oldest bill date first. */
export async function runBilling(account: Account, _from: Date, to: Date): Promise<void> {
  const today = utcDate(to);
  const due = await q<{ id: string }>(
    `select id from sandbox_gateway.recurring_subscriptions
     where account_id = $1 and ((status = 'active' and next_bill_date <= $2::date)
       or (status = 'failing' and retry_date <= $2::date))
     order by next_bill_date, id`,
    [account.id, today],
  );
  for (const { id } of due.rows) {
    for (let i = 0; i < MAX_CHARGES_PER_STEP; i++) {
      if (!(await billOnce(account, id, today, to))) break;
    }
  }
}

registerClockHook("recurring-billing", runBilling);
