"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { type TokenizerHandle, TokenizerFrame } from "@/components/payments/tokenizer-frame";
import { payInvoiceAction } from "@/lib/actions/pay";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { centsToDecimalString, formatMoney, parseMoney, thousandthsToPercentString } from "@/lib/money";
import { computeSurchargedPayment } from "@/lib/totals";

/**
 * The customer's payment form: amount (when partial payments are allowed) and the gateway's card/bank iframe.
 * The attempt id comes from the server render and is reused by every resubmission of this attempt (double
 * click, retry after a timeout), so the gateway charges once; only a declined attempt moves to a new one.
 * When the business surcharges card payments (`surchargeRate`), the breakdown and the button show the total the
 * card is charged, computed by lib/totals exactly as the server will; the rate shown goes with the payment.
 */
export function PayForm({
  token,
  attemptId,
  amountDue,
  allowPartial,
  currency,
  merchantName,
  tokenizer,
  surchargeRate = 0,
}: {
  token: string;
  attemptId: string;
  amountDue: number;
  allowPartial: boolean;
  currency: string;
  merchantName: string;
  tokenizer: TokenizerConfig;
  /** The portal's card surcharge (thousandths of a percent); 0 = none. */
  surchargeRate?: number;
}) {
  const router = useRouter();
  const frame = useRef<TokenizerHandle>(null);
  const [attempt, setAttempt] = useState(attemptId);
  const [amount, setAmount] = useState(centsToDecimalString(amountDue, currency));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [method, setMethod] = useState<"card" | "ach">(tokenizer.paymentTypes[0] ?? "card");
  const parsed = parseMoney(amount, currency);
  const cents = allowPartial ? (parsed.ok ? parsed.cents : 0) : amountDue;
  const charge = computeSurchargedPayment(Math.max(0, cents), method, surchargeRate);
  const ratePct = thousandthsToPercentString(surchargeRate).replace(/\.?0+$/, "");

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setAmountError(null);
    if (allowPartial && (!parsed.ok || cents <= 0 || cents > amountDue)) {
      setAmountError(
        !parsed.ok
          ? parsed.error
          : `Enter an amount between ${formatMoney(1, currency)} and ${formatMoney(amountDue, currency)}.`,
      );
      return;
    }
    setBusy(true);
    try {
      let result;
      try {
        result = await frame.current!.submit();
      } catch (err) {
        setError((err as Error).message);
        return;
      }
      const r = await payInvoiceAction({
        token,
        attemptId: attempt,
        paymentToken: result.token,
        method: result.type,
        amount: centsToDecimalString(cents, currency),
        surchargeRate: result.type === "card" ? String(surchargeRate) : "0",
      });
      if (!r.ok) {
        if (r.fieldErrors?.amount) setAmountError(r.fieldErrors.amount[0] ?? r.error);
        else setError(r.error);
        if (r.code === "conflict") router.refresh();
        return;
      }
      if (r.data.outcome === "declined") {
        setError(r.data.message);
        setAttempt(crypto.randomUUID());
        return;
      }
      router.push(`/pay/${token}/receipt/${encodeURIComponent(r.data.paymentId)}`);
    } catch {
      setError(
        "We couldn't reach the payment service. Check your connection and press Pay again — you won't be charged twice.",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Pay this invoice">
      {allowPartial ? (
        <div>
          <label htmlFor="pay-amount" className="block text-sm font-medium text-slate-800">
            Amount to pay
          </label>
          <div className="relative mt-1">
            <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-500">$</span>
            <input
              id="pay-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={amountError ? true : undefined}
              aria-describedby={amountError ? "pay-amount-error" : "pay-amount-hint"}
              className="block w-full rounded-md border-0 py-3 pl-7 pr-3 text-lg tabular-nums shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
            />
          </div>
          {amountError ? (
            <p id="pay-amount-error" className="mt-1 text-sm text-red-700">
              {amountError}
            </p>
          ) : (
            <p id="pay-amount-hint" className="mt-1 text-xs text-slate-500">
              You can pay part now; up to {formatMoney(amountDue, currency)}.
            </p>
          )}
        </div>
      ) : null}

      <TokenizerFrame
        ref={frame}
        config={tokenizer}
        types={tokenizer.paymentTypes}
        onTypeChange={setMethod}
        label={tokenizer.paymentTypes.includes("ach") ? "Card or bank account" : "Card details"}
      />

      {surchargeRate > 0 && method === "card" ? (
        <div
          role="status"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          data-testid="surcharge-breakdown"
        >
          <p className="font-medium">
            Card payments carry a {ratePct}% surcharge.
            {tokenizer.paymentTypes.includes("ach") ? " Bank payments carry none." : null}
          </p>
          <dl className="mt-2 space-y-1 tabular-nums">
            <div className="flex justify-between">
              <dt>Toward the invoice</dt>
              <dd>{formatMoney(charge.amount, currency)}</dd>
            </div>
            <div className="flex justify-between">
              <dt>Card surcharge ({ratePct}%)</dt>
              <dd data-testid="surcharge-amount">{formatMoney(charge.surcharge, currency)}</dd>
            </div>
            <div className="flex justify-between border-t border-amber-200 pt-1 font-semibold">
              <dt>Charged to your card</dt>
              <dd data-testid="charge-total">{formatMoney(charge.total, currency)}</dd>
            </div>
          </dl>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      <button
        type="submit"
        disabled={busy}
        className="flex w-full items-center justify-center rounded-lg bg-brand-600 px-5 py-3.5 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:bg-brand-600/60"
      >
        {busy ? "Processing…" : `Pay ${formatMoney(charge.total, currency)}`}
      </button>
      <p className="text-center text-xs text-slate-500">
        Paid securely to {merchantName}. Your card or account number goes straight to the payment gateway.
      </p>
    </form>
  );
}
