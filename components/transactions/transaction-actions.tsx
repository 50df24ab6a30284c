"use client";

import { type ReactNode, useActionState, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import {
  captureTransactionAction,
  refundTransactionAction,
  reverseTransactionAction,
  tipTransactionAction,
  voidTransactionAction,
} from "@/lib/actions/transactions";
import { centsToDecimalString, formatMoney, parseMoney } from "@/lib/money";
import { cn } from "@/components/ui/cn";

type Kind = "capture" | "tip" | "void" | "refund" | "reverse";
type Result = ActionResult<{ status: string; message: string }>;

export interface ActionAvailability {
  capture: boolean;
  /** Add a tip: capture above the authorization (CardPointe, entitled MIDs). */
  tip?: boolean;
  void: boolean;
  refund: boolean;
  /** What Reverse will do, or null when it is not offered. */
  reverse: "void" | "refund" | null;
}

const ACTIONS = {
  capture: captureTransactionAction,
  tip: tipTransactionAction,
  void: voidTransactionAction,
  refund: refundTransactionAction,
  reverse: reverseTransactionAction,
} as const;

const LABELS: Record<Kind, string> = {
  capture: "Capture",
  tip: "Add tip",
  void: "Void",
  refund: "Refund",
  reverse: "Reverse",
};

/**
 * Capture, void, refund and Reverse, each behind a confirmation that states what will happen. Amount rules
 * are checked again by the service (and the gateway); what is shown here is only the help text.
 */
export function TransactionActions({
  merchantId,
  transactionId,
  currency,
  available,
  authorizedAmount,
  refundable,
  staffRefundLimit,
  none,
}: {
  /** What to say when no action is available (also after one, e.g. a void, leaves none). */
  none?: ReactNode;
  merchantId: string;
  transactionId: string;
  currency: string;
  available: ActionAvailability;
  authorizedAmount: number;
  refundable: number;
  /** Set when the user is staff: refunds above it are refused. */
  staffRefundLimit: number | null;
}) {
  const [open, setOpen] = useState<Kind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const kinds = (["capture", "tip", "void", "refund", "reverse"] as const).filter((k) =>
    k === "reverse" ? available.reverse !== null : Boolean(available[k]),
  );
  // The success message stays up after the page refreshes, even when the action left nothing else to do.
  const doneNote = done ? (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {done}
    </p>
  ) : null;
  if (kinds.length === 0)
    return (
      <div className="space-y-3">
        {doneNote}
        {none ?? null}
      </div>
    );
  return (
    <div className="space-y-3">
      {doneNote}
      <div className="flex flex-wrap gap-2">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            aria-expanded={open === k}
            onClick={() => {
              setOpen(open === k ? null : k);
              setDone(null);
            }}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium shadow-sm",
              open === k
                ? "bg-slate-900 text-white"
                : k === "void" || k === "reverse"
                  ? "border border-red-200 bg-white text-red-700 hover:bg-red-50"
                  : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
            )}
          >
            {LABELS[k]}
          </button>
        ))}
      </div>
      {open && (
        <ConfirmForm
          key={open}
          kind={open}
          merchantId={merchantId}
          transactionId={transactionId}
          currency={currency}
          reverseVia={available.reverse}
          authorizedAmount={authorizedAmount}
          refundable={refundable}
          staffRefundLimit={staffRefundLimit}
          onCancel={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            setDone(message);
          }}
        />
      )}
    </div>
  );
}

function ConfirmForm({
  kind,
  merchantId,
  transactionId,
  currency,
  reverseVia,
  authorizedAmount,
  refundable,
  staffRefundLimit,
  onCancel,
  onDone,
}: {
  kind: Kind;
  merchantId: string;
  transactionId: string;
  currency: string;
  reverseVia: "void" | "refund" | null;
  authorizedAmount: number;
  refundable: number;
  staffRefundLimit: number | null;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const defaultAmount = kind === "capture" ? authorizedAmount : kind === "tip" ? 0 : refundable;
  const [amount, setAmount] = useState(kind === "tip" ? "" : centsToDecimalString(defaultAmount, currency));
  const [state, formAction, pending] = useActionState<Result | null, FormData>(async (_prev, fd) => {
    const result = (await ACTIONS[kind](fd)) as Result;
    if (result.ok) onDone(result.data.message);
    return result;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const amountError = errors?.amount?.[0] ?? errors?.tip?.[0];
  const formError = errors?.transactionId?.[0];
  const parsed = parseMoney(amount, currency);
  const shown = parsed.ok ? formatMoney(parsed.cents, currency) : null;
  // Over the cap, say so once beside the field and keep the confirm button off (the service checks again).
  const cap = kind === "capture" ? authorizedAmount : kind === "refund" ? refundable : null;
  const overCap =
    cap !== null && parsed.ok && parsed.cents > cap
      ? `At most ${formatMoney(cap, currency)} can be ${kind === "capture" ? "captured" : "refunded"}.`
      : null;
  const amountMessage = overCap ?? amountError;

  const money = (c: number) => formatMoney(c, currency);
  const explanation: Record<Kind, string> = {
    capture: `Capture up to the authorized ${money(authorizedAmount)}. The rest of the hold is released.`,
    tip: `Capture the authorized ${money(authorizedAmount)} plus the tip the customer wrote on the slip. The merchant account must be enabled for tip adjustment.`,
    void: "Void cancels the transaction before it settles. The customer is not charged. This cannot be undone.",
    refund: `Return money to the customer's payment method. Up to ${money(refundable)} can still be refunded.${
      staffRefundLimit !== null
        ? ` Staff can give back up to ${money(staffRefundLimit)} per 24 hours (refunds, credits and gift-card loads together).`
        : ""
    }`,
    reverse:
      reverseVia === "void"
        ? "This transaction has not settled, so Reverse will void it. The customer is not charged."
        : `This transaction has settled, so Reverse will refund what is left: ${money(refundable)}.`,
  };
  const newTotal = kind === "tip" && parsed.ok ? money(authorizedAmount + parsed.cents) : null;
  const confirmLabel =
    kind === "tip"
      ? `Confirm tip${shown ? ` of ${shown}` : ""}${newTotal ? `: new total ${newTotal}` : ""}`
      : kind === "capture"
        ? `Confirm capture${shown ? ` of ${shown}` : ""}`
        : kind === "refund"
          ? `Confirm refund${shown ? ` of ${shown}` : ""}`
          : kind === "void"
            ? "Confirm void"
            : `Confirm reverse (${reverseVia})`;
  const withAmount = kind === "capture" || kind === "refund" || kind === "tip";

  return (
    <form
      action={formAction}
      className="rounded-lg border border-slate-200 bg-slate-50 p-4"
      aria-label={`${LABELS[kind]} transaction`}
      noValidate
    >
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="transactionId" value={transactionId} />
      <p className="text-sm text-slate-700">{explanation[kind]}</p>
      {state && !state.ok && !amountError && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError ?? state.error}
        </p>
      )}
      {withAmount && (
        <div className="mt-3 max-w-xs">
          <label htmlFor={`${kind}-amount`} className="block text-sm font-medium text-slate-800">
            {kind === "capture" ? "Capture amount" : kind === "tip" ? "Tip" : "Refund amount"}
          </label>
          <div className="relative mt-1">
            <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-500">$</span>
            <input
              id={`${kind}-amount`}
              name={kind === "tip" ? "tip" : "amount"}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={amountMessage ? true : undefined}
              aria-describedby={amountMessage ? `${kind}-amount-error` : undefined}
              className={cn(
                "w-full rounded-md border border-slate-300 bg-white py-2 pr-3 pl-7 tabular-nums",
                amountMessage && "border-red-500",
              )}
            />
          </div>
          {newTotal && !amountMessage && (
            <p className="mt-1 text-sm text-slate-600" data-testid="tip-new-total">
              New total: <strong className="tabular-nums">{newTotal}</strong>
            </p>
          )}
          {amountMessage && (
            <p id={`${kind}-amount-error`} role="alert" className="mt-1 text-sm text-red-700">
              {amountMessage}
            </p>
          )}
        </div>
      )}
      {/* Confirm on the left, Cancel set apart on the right: the destructive button never sits beside its escape. */}
      <div className="mt-4 flex flex-wrap items-center justify-between gap-2">
        <button
          type="submit"
          disabled={pending || overCap !== null}
          className={cn(
            "rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60",
            kind === "capture" || kind === "tip" ? "bg-brand-600 hover:bg-brand-700" : "bg-red-600 hover:bg-red-700",
          )}
        >
          {pending ? "Working…" : confirmLabel}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm text-slate-700 hover:bg-slate-100"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
