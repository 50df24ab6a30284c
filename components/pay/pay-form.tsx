import { PayBridge } from "@/components/pay/pay-bridge";
import { TokenizerPanel } from "@/components/payments/tokenizer-panel";
import { tokenizerLook } from "@/components/payments/tokenizer-styles";
import { payInvoiceAction, quotePaymentAction } from "@/lib/actions/pay";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { centsToDecimalString, formatMoney } from "@/lib/money";
import { payQuote } from "@/lib/services/invoices/pay-page";

/**
 * The customer's payment form: amount (when partial payments are allowed) and the gateway's card/bank iframe.
 * Rendered on the server, figures included (lib/totals through `payQuote`); the browser runs only the small bridge
 * of components/pay/pay-bridge.ts (no React form state, no money code: the pay page's JavaScript weight, issue 18
 * §4). The attempt id comes from the server render and is reused by every resubmission of this attempt (double
 * click, retry after a timeout), so the gateway charges once; only a declined attempt moves to a new one.
 * When the business surcharges card payments (`surchargeRate`), the breakdown and the button show the total the
 * card is charged, as the server will charge it; the rate shown goes with the payment.
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
  const quote = payQuote(amountDue, surchargeRate, currency);
  const card = (tokenizer.paymentTypes[0] ?? "card") === "card";
  const amount = centsToDecimalString(amountDue, currency);
  return (
    <form id="pay-form" noValidate className="space-y-4" aria-label="Pay this invoice">
      {allowPartial ? (
        <div>
          <label htmlFor="pay-amount" className="block text-sm font-medium text-slate-800">
            Amount to pay
          </label>
          <div className="relative mt-1">
            <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-500">$</span>
            <input
              id="pay-amount"
              name="amount"
              inputMode="decimal"
              defaultValue={amount}
              aria-describedby="pay-amount-hint"
              className="block w-full rounded-md border-0 py-3 pl-7 pr-3 text-lg tabular-nums shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
            />
          </div>
          <p id="pay-amount-error" className="mt-1 text-sm text-red-700" hidden />
          <p id="pay-amount-hint" className="mt-1 text-xs text-slate-500">
            You can pay part now; up to {formatMoney(amountDue, currency)}.
          </p>
        </div>
      ) : null}

      <TokenizerPanel
        family={tokenizer.family}
        label={tokenizer.paymentTypes.includes("ach") ? "Card or bank account" : "Card details"}
      />

      {surchargeRate > 0 ? (
        <div
          role="status"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          data-testid="surcharge-breakdown"
          hidden={!card}
        >
          <p className="font-medium">
            Card payments carry a {quote.ratePct}% surcharge.
            {tokenizer.paymentTypes.includes("ach") ? " Bank payments carry none." : null}
          </p>
          <dl className="mt-2 space-y-1 tabular-nums">
            <div className="flex justify-between">
              <dt>Toward the invoice</dt>
              <dd data-quote="amount">{quote.amount}</dd>
            </div>
            <div className="flex justify-between">
              <dt>Card surcharge ({quote.ratePct}%)</dt>
              <dd data-testid="surcharge-amount" data-quote="surcharge">
                {quote.surcharge}
              </dd>
            </div>
            <div className="flex justify-between border-t border-amber-200 pt-1 font-semibold">
              <dt>Charged to your card</dt>
              <dd data-testid="charge-total" data-quote="cardTotal">
                {quote.cardTotal}
              </dd>
            </div>
          </dl>
        </div>
      ) : null}
      <p
        id="pay-error"
        role="alert"
        className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        hidden
      />

      <button
        type="submit"
        className="flex w-full items-center justify-center rounded-lg bg-brand-600 px-5 py-3.5 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:bg-brand-600/60"
      >
        Pay {card ? quote.cardTotal : quote.bankTotal}
      </button>
      <p className="text-center text-xs text-slate-500">
        Paid securely to {merchantName}. Your card or account number goes straight to the payment gateway.
      </p>
      <PayBridge
        token={token}
        attemptId={attemptId}
        amount={allowPartial ? null : amount}
        tokenizer={tokenizer}
        surchargeRate={surchargeRate}
        quote={quote}
        look={tokenizerLook()}
        payAction={payInvoiceAction}
        quoteAction={quotePaymentAction}
      />
    </form>
  );
}
