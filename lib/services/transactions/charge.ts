import { and, eq, gt, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { Declined, InvalidRequest, Unsupported, userMessage } from "@/lib/gateway/errors";
import type {
  AddressInput,
  CreateTransactionInput,
  GatewayAdapter,
  PaymentSource,
  Transaction,
  VerificationResult,
} from "@/lib/gateway/types";
import type { MerchantRole } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { log } from "@/lib/log";
import { addCents } from "@/lib/money";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { upsertCustomers } from "@/lib/sync/customers";
import { upsertTransactions } from "@/lib/sync/transactions";
import { withMoneyOutLimit } from "./money-out";
import type { ChargeForm, PreviewForm } from "@/lib/validations/virtual-terminal";

/**
 * One charge from the virtual terminal (and any other form that charges): the idempotency key comes from the
 * form's intent id, so a double click, a retry after a timeout or a second tab on the same form reach the
 * gateway with one key and create one transaction. The gateway answers first; the returned transaction is
 * then written through to the cache with one audit row, however many times the same intent is submitted.
 */

/** What the result panel shows; masked facts only. */
export interface ChargeSummary {
  id: string;
  type: Transaction["type"];
  status: Transaction["status"];
  approved: boolean;
  amount: number;
  surchargeAmount: number;
  currency: string;
  authCode: string | null;
  responseText: string;
  method: string;
  customerId: string | null;
  avs: VerificationResult | null;
  cvv: VerificationResult | null;
}

export type ChargeOutcome =
  | { outcome: "approved"; transaction: ChargeSummary }
  | { outcome: "pending"; transaction: ChargeSummary }
  | { outcome: "declined"; reason: string; message: string; transaction: ChargeSummary | null };

export interface ChargeActor {
  userId: string;
  /** Staff credits count against the staff money-out limit. */
  role: MerchantRole;
}

/** Seconds the gateway keeps the key: a form left open all day still charges once. */
const IDEMPOTENCY_WINDOW_SECONDS = 86_400;
const TERMINAL_WAIT_MS = 15_000;

function summary(t: Transaction): ChargeSummary {
  const pm = t.paymentMethod;
  const method =
    pm.kind === "card" || pm.kind === "terminal"
      ? `${pm.brand === "unknown" ? "Card" : pm.brand[0]?.toUpperCase() + pm.brand.slice(1)} ending ${pm.lastFour ?? "····"}`
      : pm.kind === "ach"
        ? `Bank account ending ${pm.lastFour ?? "····"}`
        : "Payment method";
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    approved: t.approved,
    amount: t.amount,
    surchargeAmount: t.surchargeAmount,
    currency: t.currency,
    authCode: t.authCode,
    responseText: t.responseText,
    method,
    customerId: t.customerId,
    avs: t.avs,
    cvv: t.cvv,
  };
}

function address(a: ChargeForm["billing"]): AddressInput | undefined {
  if (!a) return undefined;
  const entries = Object.entries(a).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as AddressInput) : undefined;
}

function sourceOf(input: ChargeForm): PaymentSource {
  switch (input.source) {
    case "card":
    case "ach":
      return { kind: "token", token: input.token as string };
    case "customer":
      return {
        kind: "customer",
        customerId: input.customerId as string,
        paymentMethodId: input.paymentMethodId,
        paymentMethodType: input.paymentMethodKind,
      };
    case "terminal":
      return { kind: "terminal", terminalId: input.terminalId as string };
  }
}

export function createInputFor(merchantId: string, input: ChargeForm): CreateTransactionInput {
  const base = addCents(input.amount, input.taxAmount, input.shippingAmount, input.tipAmount);
  // Sale/authorize send the amount before fees so the gateway adds the surcharge it previewed.
  const surchargeable = input.type === "sale" || input.type === "authorize";
  return {
    type: input.type,
    ...(input.type === "verification" ? { amount: 0 } : surchargeable ? { baseAmount: base } : { amount: base }),
    currency: "USD",
    source: sourceOf(input),
    idempotencyKey: idempotencyKeyFor("vt", merchantId, input.intentId),
    idempotencyWindowSeconds: IDEMPOTENCY_WINDOW_SECONDS,
    taxAmount: input.taxAmount || undefined,
    shippingAmount: input.shippingAmount || undefined,
    tipAmount: input.tipAmount || undefined,
    orderId: input.orderId,
    poNumber: input.poNumber,
    description: input.description,
    billingAddress: address(input.billing),
    shippingAddress: address(input.shipping),
    saveToVault: input.saveToVault && (input.source === "card" || input.source === "ach") ? true : undefined,
    initiatedBy: "merchant",
  };
}

async function waitForTerminal(gateway: GatewayAdapter, t: Transaction): Promise<Transaction> {
  const until = Date.now() + TERMINAL_WAIT_MS;
  let current = t;
  while (current.status === "pending" && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1_000));
    const run = await gateway.terminals.poll(current.id);
    if (run.transaction) current = run.transaction;
  }
  return current;
}

/**
 * Cache + audit. Runs once per intent (the caller holds the intent lock and found no earlier result), so the
 * audit row is written here unconditionally: a webhook may already have put the transaction in the cache.
 */
async function record(tx: DbOrTx, merchantId: string, actor: ChargeActor, t: Transaction, key: string): Promise<void> {
  log().info(
    { merchantId, transactionId: t.id, type: t.type, status: t.status, amount: t.amount, key },
    "virtual terminal charge",
  );
  // On the intent lock's own connection (committed with it): no second pooled connection is needed while held.
  await upsertTransactions(tx, merchantId, [t]);
  await writeAudit(tx, {
    actorUserId: actor.userId,
    merchantId,
    action: `transaction.${t.type}`,
    targetType: "transaction",
    targetId: t.id,
    after: { status: t.status, approved: t.approved, amount: t.amount, source: "virtual_terminal", key },
  });
}

/** The transaction an earlier submission of this intent produced (its audit row names the key). */
async function earlierResult(tx: DbOrTx, merchantId: string, key: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: auditLog.targetId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.merchantId, merchantId),
        gt(auditLog.at, sql`now() - interval '2 days'`),
        eq(auditLog.targetType, "transaction"),
        sql`${auditLog.after}->>'key' = ${key}`,
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

function outcomeOf(t: Transaction): ChargeOutcome {
  if (t.status === "declined" || (!t.approved && t.status !== "pending")) {
    return { outcome: "declined", reason: t.responseText, message: t.responseText, transaction: summary(t) };
  }
  return { outcome: t.status === "pending" ? "pending" : "approved", transaction: summary(t) };
}

/** How long a submission waits for an earlier submission of the same intent to finish before answering "conflict". */
const INTENT_WAIT_MS = 60_000;

/**
 * Submissions of one intent run one at a time (a transaction-scoped advisory lock on the key, held across the
 * gateway call) and a later one answers with the transaction the first produced. Gateways with idempotency keys
 * would dedupe anyway; CardPointe has none, and two requests racing there could both charge.
 * A later submission does not queue on the lock with a pooled connection (fifty duplicates would exhaust the pool
 * and time out the first one's write-through): it tries the lock, gives the connection back, and tries again.
 */
export async function charge(merchantId: string, actor: ChargeActor, input: ChargeForm): Promise<ChargeOutcome> {
  const gateway = await gatewayForMerchant(merchantId);
  if (input.source === "ach" && !gateway.capabilities.achPayments) throw new Unsupported(gateway.family, "achPayments");
  if (input.source === "customer" && !gateway.capabilities.vault) throw new Unsupported(gateway.family, "vault");
  if (input.source === "terminal" && !gateway.capabilities.terminals)
    throw new Unsupported(gateway.family, "terminals");
  const request = createInputFor(merchantId, input);
  const call: ChargeCall = { gateway, merchantId, actor, input, request };
  if (input.type !== "credit") return chargeByIntent(call);
  // A credit pays money out: it counts against the staff limit, once per intent however often it is submitted.
  return withMoneyOutLimit(
    {
      merchantId,
      actor,
      kind: "credit",
      amount: request.amount ?? 0,
      currency: request.currency ?? "USD",
      intentKey: request.idempotencyKey,
    },
    () => chargeByIntent(call),
    (o) => ({ released: o.outcome === "declined", reference: o.transaction?.id ?? null }),
  );
}

/** One charge as `charge` prepared it: the merchant's gateway, who asks, the form and the gateway request. */
interface ChargeCall {
  gateway: GatewayAdapter;
  merchantId: string;
  actor: ChargeActor;
  input: ChargeForm;
  request: CreateTransactionInput;
}

async function chargeByIntent(call: ChargeCall): Promise<ChargeOutcome> {
  const { gateway, merchantId, request } = call;
  const lockKey = `vt-intent:${request.idempotencyKey}`;
  const until = Date.now() + INTENT_WAIT_MS;
  for (;;) {
    const out = await getDb().transaction(async (lock) => {
      const got = await lock.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(hashtext(${lockKey})) as ok`,
      );
      if (!got.rows[0]?.ok) return null;
      const earlier = await earlierResult(lock, merchantId, request.idempotencyKey);
      if (earlier) return outcomeOf(await gateway.transactions.get(earlier));
      return chargeOnce(lock, call);
    });
    if (out) return out;
    if (Date.now() > until) {
      throw new UserError("conflict", "This charge is still being processed. Check Transactions before trying again.");
    }
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
  }
}

async function chargeOnce(
  tx: DbOrTx,
  { gateway, merchantId, actor, input, request }: ChargeCall,
): Promise<ChargeOutcome> {
  let t: Transaction;
  try {
    t = await gateway.transactions.create(request);
  } catch (err) {
    if (!(err instanceof Declined)) throw err;
    if (err.transaction) await record(tx, merchantId, actor, err.transaction, request.idempotencyKey);
    return {
      outcome: "declined",
      reason: err.reason,
      message: userMessage(err),
      transaction: err.transaction ? summary(err.transaction) : null,
    };
  }
  if (t.status === "pending" && input.source === "terminal") t = await waitForTerminal(gateway, t);
  if (request.saveToVault && t.approved && t.customerId) {
    // The gateway created a vault customer from this payment; cache it so it is chargeable at once.
    try {
      await upsertCustomers(getDb(), merchantId, [await gateway.vault.getCustomer(t.customerId)]);
    } catch (err) {
      log().warn({ err, transactionId: t.id }, "vault customer from a charge not cached; reconciliation will");
    }
  }
  // Last: the write-through takes the merchant's cache lock, held until the intent lock's transaction commits.
  await record(tx, merchantId, actor, t, request.idempotencyKey);
  return outcomeOf(t);
}

// ---------------------------------------------------------------------------------------------------------
// Fee and surcharge preview

export interface ChargePreview {
  lines: { label: string; amount: number }[];
  surcharge: number;
  serviceFee: number;
  total: number;
  disclosure: string | null;
  /** false when the gateway cannot quote (no fee programme, family without it): the total is the base. */
  quoted: boolean;
}

export async function previewCharge(merchantId: string, input: PreviewForm): Promise<ChargePreview> {
  const base = addCents(input.amount, input.taxAmount, input.shippingAmount, input.tipAmount);
  const lines = [
    { label: "Amount", amount: input.amount },
    ...(input.taxAmount ? [{ label: "Tax", amount: input.taxAmount }] : []),
    ...(input.shippingAmount ? [{ label: "Shipping", amount: input.shippingAmount }] : []),
    ...(input.tipAmount ? [{ label: "Tip", amount: input.tipAmount }] : []),
  ];
  const plain: ChargePreview = { lines, surcharge: 0, serviceFee: 0, total: base, disclosure: null, quoted: false };
  if (input.type === "verification" || input.type === "credit" || base <= 0) return plain;
  const gateway = await gatewayForMerchant(merchantId);
  if (!gateway.capabilities.feeCalculation) return plain;
  try {
    // Quoted on the whole base, the same amount the charge sends as base_amount, so preview and charge agree.
    const q = await gateway.fees.calculate({
      amount: base,
      subtotal: base,
      paymentMethod: input.method,
      transactionType: input.type,
      bin: input.bin,
      state: input.state,
    });
    return {
      lines,
      surcharge: q.surcharge,
      serviceFee: q.serviceFee,
      total: q.total,
      disclosure: q.disclosure.display && q.disclosure.text ? q.disclosure.text : null,
      quoted: true,
    };
  } catch (err) {
    if (!(err instanceof InvalidRequest) || !input.bin) throw err;
    // Amount calculation needs the merchant's processor id; the fee lookup needs only the card's BIN.
    log().info({ err }, "amount calculation refused; using the fee lookup");
    const f = await gateway.fees.lookup({ baseAmount: base, bin: input.bin, paymentMethod: input.method });
    return {
      lines,
      surcharge: f.surcharge,
      serviceFee: f.serviceFee,
      total: f.totalAmount,
      disclosure: f.surcharge > 0 ? "A surcharge is applied to credit card payments." : null,
      quoted: true,
    };
  }
}
