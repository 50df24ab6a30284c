import { startTokenizer, type TokenizerSession } from "@/components/payments/tokenizer-session";
import type { TokenizerLook } from "@/components/payments/tokenizer-styles";
import type { PaymentType, TokenizerResult } from "@/components/payments/tokenizer-types";
import type { payInvoiceAction, quotePaymentAction } from "@/lib/actions/pay";
import type { TokenizerConfig } from "@/lib/gateway/types";
import type { PayQuote } from "@/lib/services/invoices/pay-page";

export interface PayBridgeOptions {
  token: string;
  attemptId: string;
  /** The amount to pay (decimal) when it is fixed; null when the customer types it (`#pay-amount`). */
  amount: string | null;
  tokenizer: TokenizerConfig;
  surchargeRate: number;
  /** The card fields' styles, computed on the server. */
  look: TokenizerLook;
  /**
   * The server actions, handed over as props: the RSC client that React already loads makes their references, so the
   * bridge's chunk carries no action plumbing.
   */
  payAction: typeof payInvoiceAction;
  quoteAction: typeof quotePaymentAction;
  /** The server's figures for the amount first shown. */
  quote: PayQuote;
}

const NETWORK_ERROR =
  "We couldn't reach the payment service. Check your connection and press Pay again — you won't be charged twice.";

/**
 * The pay form's behaviour, in plain DOM over the server-rendered form (components/pay/pay-form.tsx): mounts the
 * gateway's iframe, keeps the figures the server quotes for the typed amount, and on submit gets a token from the
 * iframe and pays through the server action. One payment at a time (the button is disabled while paying) and one
 * attempt id per attempt, so a resubmission never charges twice. Returns the clean-up.
 */
export function startPayBridge(form: HTMLFormElement, o: PayBridgeOptions): () => void {
  const $ = <T extends HTMLElement>(sel: string) => form.querySelector<T>(sel);
  const button = $<HTMLButtonElement>("button[type=submit]")!;
  const amountInput = $<HTMLInputElement>("#pay-amount");
  const amountError = $("#pay-amount-error");
  const amountHint = $("#pay-amount-hint");
  const alert = $("#pay-error")!;
  const breakdown = $("[data-testid=surcharge-breakdown]");
  const panel = $("[data-tokenizer-panel]")!;
  const frameError = $("[data-tokenizer-error]")!;
  let method: PaymentType = o.tokenizer.paymentTypes[0] ?? "card";
  let quote = o.quote;
  let attempt = o.attemptId;
  let busy = false;
  let session: TokenizerSession | null = null;
  let cancelled = false;
  let quoting = 0;
  let typing: ReturnType<typeof setTimeout> | undefined;

  const show = (el: HTMLElement | null, text: string | null) => {
    if (!el) return;
    el.textContent = text ?? "";
    el.hidden = !text;
  };
  const setAmountError = (text: string | null) => {
    show(amountError, text);
    if (amountHint) amountHint.hidden = Boolean(text);
    if (!amountInput) return;
    if (text) amountInput.setAttribute("aria-invalid", "true");
    else amountInput.removeAttribute("aria-invalid");
    amountInput.setAttribute("aria-describedby", text ? "pay-amount-error" : "pay-amount-hint");
  };
  const render = () => {
    const card = method === "card";
    if (breakdown) breakdown.hidden = !card;
    for (const el of form.querySelectorAll<HTMLElement>("[data-quote]")) {
      el.textContent = quote[el.dataset.quote as keyof PayQuote];
    }
    button.disabled = busy;
    button.textContent = busy ? "Processing…" : `Pay ${card ? quote.cardTotal : quote.bankTotal}`;
  };
  /** The server's figures for the typed amount; false (with the field error shown) when it cannot be paid. */
  const requote = async (): Promise<boolean> => {
    if (!amountInput) return true;
    const ticket = ++quoting;
    const r = await o.quoteAction({ token: o.token, amount: amountInput.value });
    if (ticket !== quoting || cancelled) return r.ok;
    if (!r.ok) {
      setAmountError(r.fieldErrors?.amount?.[0] ?? r.error);
      return false;
    }
    setAmountError(null);
    quote = r.data;
    render();
    return true;
  };

  amountInput?.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => void requote().catch(() => undefined), 300);
  });

  const container = panel.querySelector<HTMLElement>("[data-tokenizer]")!;
  const loaded = () => {
    panel.setAttribute("aria-busy", "false");
    panel.querySelector<HTMLElement>("[data-tokenizer-loading]")!.hidden = true;
  };
  startTokenizer(
    container,
    o.tokenizer,
    { types: o.tokenizer.paymentTypes, requireCvv: true, look: o.look },
    {
      onTypeChange(t) {
        method = t;
        render();
      },
      onReady: () => !cancelled && loaded(),
    },
  ).then(
    (s) => {
      if (cancelled) return s.destroy();
      session = s;
      loaded();
    },
    (e: Error) => {
      if (cancelled) return;
      loaded();
      show(frameError, e.message);
    },
  );

  async function pay() {
    show(alert, null);
    clearTimeout(typing);
    if (!(await requote())) return;
    if (!session) return show(alert, "The secure payment form is still loading.");
    let result: TokenizerResult;
    try {
      result = await session.submit();
    } catch (err) {
      return show(alert, (err as Error).message);
    }
    const r = await o.payAction({
      token: o.token,
      attemptId: attempt,
      paymentToken: result.token,
      method: result.type,
      amount: amountInput ? amountInput.value : (o.amount ?? ""),
      surchargeRate: result.type === "card" ? String(o.surchargeRate) : "0",
    });
    if (!r.ok) {
      if (r.fieldErrors?.amount) setAmountError(r.fieldErrors.amount[0] ?? r.error);
      else show(alert, r.error);
      if (r.code === "conflict") window.location.reload();
      return;
    }
    if (r.data.outcome === "declined") {
      show(alert, r.data.message);
      attempt = crypto.randomUUID();
      return;
    }
    window.location.assign(`/pay/${o.token}/receipt/${encodeURIComponent(r.data.paymentId)}`);
    return new Promise<void>(() => undefined); // stays "Processing…" until the receipt opens
  }

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (busy) return;
    setAmountError(null);
    busy = true;
    render();
    pay()
      .catch(() => show(alert, NETWORK_ERROR))
      .finally(() => {
        busy = false;
        render();
      });
  };
  form.addEventListener("submit", onSubmit);
  return () => {
    cancelled = true;
    clearTimeout(typing);
    form.removeEventListener("submit", onSubmit);
    session?.destroy();
    container.replaceChildren();
  };
}
