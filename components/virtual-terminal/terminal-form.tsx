"use client";
import type { FieldErrors } from "@/lib/action-result";

import { useEffect, useRef, useState } from "react";
import { type CardChange, type TokenizerHandle, TokenizerFrame } from "@/components/payments/tokenizer-frame";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import { chargeAction, previewChargeAction } from "@/lib/actions/virtual-terminal";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { formatMoney, parseMoney } from "@/lib/money";
import type { ChargeOutcome, ChargePreview } from "@/lib/services/transactions/charge";
import { VT_TYPES, type VtSource, type VtType } from "@/lib/validations/virtual-terminal";
import { CustomerPicker, type PickedCustomer } from "./customer-picker";
import { DetailsCard, SummaryCard, TypeCard } from "./panels";
import { ResultPanel } from "./result-panel";
import { cn } from "@/components/ui/cn";

export interface TerminalOption {
  id: string;
  label: string;
}

const SOURCE_LABELS: Record<VtSource, string> = {
  card: "Card",
  ach: "Bank account (ACH)",
  customer: "Saved customer",
  terminal: "Card terminal",
};

function cents(v: string): number {
  if (!v.trim()) return 0;
  const r = parseMoney(v);
  return r.ok ? r.cents : 0;
}

function newIntentId(): string {
  return crypto.randomUUID();
}

/**
 * The virtual terminal. One intent id per form render (also kept in the URL so a reload or a duplicated tab
 * resubmits the same intent): every submission of it reaches the gateway with the same idempotency key.
 */
export function TerminalForm({
  merchantId,
  intentId: initialIntent,
  tokenizer,
  sources,
  terminals,
  initialCustomer,
  feePreview,
}: {
  merchantId: string;
  intentId: string;
  tokenizer: TokenizerConfig | null;
  sources: VtSource[];
  terminals: TerminalOption[];
  initialCustomer: PickedCustomer | null;
  /** The gateway quotes fees/surcharges (the summary waits for the card's BIN). */
  feePreview: boolean;
}) {
  const [intentId, setIntentId] = useState(initialIntent);
  const [formKey, setFormKey] = useState(0);
  const [type, setType] = useState<VtType>("sale");
  const [source, setSource] = useState<VtSource>(initialCustomer ? "customer" : (sources[0] ?? "card"));
  const [amounts, setAmounts] = useState({ amount: "", taxAmount: "", shippingAmount: "", tipAmount: "" });
  const [card, setCard] = useState<CardChange | null>(null);
  const [customer, setCustomer] = useState<PickedCustomer | null>(initialCustomer);
  const [methodId, setMethodId] = useState<string | null>(
    initialCustomer
      ? ((initialCustomer.paymentMethods.find((m) => m.isDefault) ?? initialCustomer.paymentMethods[0])?.id ?? null)
      : null,
  );
  const [preview, setPreview] = useState<ChargePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [result, setResult] = useState<ChargeOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const frame = useRef<TokenizerHandle>(null);
  const form = useRef<HTMLFormElement>(null);
  const inFlight = useRef(false);

  const method = customer?.paymentMethods.find((m) => m.id === methodId) ?? null;
  const methodKind: "card" | "ach" =
    source === "ach" || (source === "customer" && method?.kind === "ach") ? "ach" : "card";
  const bin =
    source === "card"
      ? card?.bin
      : source === "customer" && method?.kind === "card" && /^\d{6}/.test(method.masked ?? "")
        ? method.masked?.slice(0, 6)
        : undefined;
  const base =
    cents(amounts.amount) + cents(amounts.taxAmount) + cents(amounts.shippingAmount) + cents(amounts.tipAmount);

  // The gateway's fee/amount calculation, refreshed as the amount or card changes (debounced).
  const previewable = source !== "terminal" && type !== "verification" && base > 0;
  useEffect(() => {
    if (!previewable) return;
    const timer = setTimeout(async () => {
      const r = await previewChargeAction({ merchantId, type, method: methodKind, ...amounts, bin: bin ?? "" });
      if (r.ok) {
        setPreview(r.data);
        setPreviewError(null);
      } else setPreviewError(r.error);
    }, 350);
    return () => clearTimeout(timer);
  }, [merchantId, type, methodKind, amounts, bin, previewable]);

  // Keep the intent in the URL: a reload or a duplicated tab submits the same intent (and charges once).
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get("intent") !== intentId) {
      url.searchParams.set("intent", intentId);
      window.history.replaceState(window.history.state, "", url);
    }
  }, [intentId]);

  function startNew(keepValues: boolean) {
    setIntentId(newIntentId());
    setResult(null);
    setToken(null);
    setError(null);
    setFieldErrors({});
    setCard(null);
    if (!keepValues) {
      setAmounts({ amount: "", taxAmount: "", shippingAmount: "", tipAmount: "" });
      setType("sale");
    }
    setFormKey((k) => k + 1);
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // A double click while the first submission is in flight does nothing; a later retry reuses the intent.
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    setFieldErrors({});
    try {
      const fd = new FormData(e.currentTarget);
      let tok = token;
      if ((source === "card" || source === "ach") && !tok) {
        try {
          tok = (await frame.current!.submit()).token;
          setToken(tok);
        } catch (err) {
          setFieldErrors({ token: [(err as Error).message] });
          return;
        }
      }
      if (tok) fd.set("token", tok);
      const r = await chargeAction(null, fd);
      if (r.ok) setResult(r.data);
      else {
        setError(r.error);
        setFieldErrors(r.fieldErrors ?? {});
      }
    } catch {
      setError("The connection dropped before the gateway answered. Submit again: this form charges at most once.");
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  const shown = previewable ? preview : null;
  const total = shown?.total ?? base;
  const chargeLabel =
    type === "verification"
      ? "Verify card"
      : `${type === "credit" ? "Credit" : type === "authorize" ? "Authorize" : "Charge"} ${formatMoney(total)}`;
  const typeOptions = VT_TYPES.filter(
    (t) =>
      !(source === "terminal" && (t === "verification" || t === "credit")) && !(source === "ach" && t === "authorize"),
  );
  const amountField = (name: keyof typeof amounts, label: string, hint?: string) => (
    <Field
      name={name}
      label={label}
      inputMode="decimal"
      placeholder="0.00"
      autoComplete="off"
      value={amounts[name]}
      onChange={(e) => setAmounts((a) => ({ ...a, [name]: e.target.value }))}
      errors={fieldErrors[name]}
      hint={hint}
    />
  );

  if (result) {
    return (
      <div className="max-w-xl">
        <ResultPanel
          result={result}
          transactionHref={(id) => `/m/${merchantId}/transactions/${encodeURIComponent(id)}`}
          customerHref={(id) => `/m/${merchantId}/customers/${encodeURIComponent(id)}`}
          onNew={() => startNew(false)}
          onRetry={() => startNew(true)}
        />
      </div>
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="grid grid-cols-1 gap-6 lg:grid-cols-3" key={formKey}>
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="intentId" value={intentId} />
      <input type="hidden" name="source" value={source} />
      {source === "customer" && customer ? (
        <>
          <input type="hidden" name="customerId" value={customer.id} />
          {method ? (
            <>
              <input type="hidden" name="paymentMethodId" value={method.id} />
              <input type="hidden" name="paymentMethodKind" value={method.kind} />
            </>
          ) : null}
        </>
      ) : null}
      <div className="space-y-6 lg:col-span-2">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TypeCard options={typeOptions} value={type} onChange={setType} errors={fieldErrors.type} />

        <Card title="Payment method">
          <div
            role="tablist"
            aria-label="How the customer pays"
            className="mb-4 flex flex-wrap gap-1 border-b border-slate-200"
          >
            {sources.map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                aria-selected={source === s}
                onClick={() => {
                  setSource(s);
                  setToken(null);
                  if (s === "ach" && type === "authorize") setType("sale");
                  if (s === "terminal" && (type === "verification" || type === "credit")) setType("sale");
                }}
                className={cn(
                  "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
                  source === s
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-600 hover:text-slate-900",
                )}
              >
                {SOURCE_LABELS[s]}
              </button>
            ))}
          </div>
          {source === "card" || source === "ach" ? (
            tokenizer ? (
              <div>
                <TokenizerFrame
                  key={`${source}-${formKey}`}
                  ref={frame}
                  config={tokenizer}
                  types={[source]}
                  onCardChange={setCard}
                  label={source === "card" ? "Card details" : "Bank account details"}
                />
                {fieldErrors.token ? (
                  <p role="alert" className="mt-1 text-xs text-red-700">
                    {fieldErrors.token[0]}
                  </p>
                ) : null}
                <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="saveToVault" className="h-4 w-4 rounded border-slate-300" />
                  Save this payment method to the customer vault after approval
                </label>
              </div>
            ) : (
              <p className="text-sm text-amber-800">Card entry is not available for this merchant&apos;s gateway.</p>
            )
          ) : null}
          {source === "customer" ? (
            <CustomerPicker
              merchantId={merchantId}
              customer={customer}
              onCustomer={(c) => {
                setCustomer(c);
                if (!c) setMethodId(null);
              }}
              methodId={methodId}
              onMethod={setMethodId}
              errors={fieldErrors.customerId}
            />
          ) : null}
          {source === "terminal" ? (
            terminals.length ? (
              <SelectField
                name="terminalId"
                label="Terminal"
                errors={fieldErrors.terminalId}
                defaultValue={terminals[0]?.id}
              >
                {terminals.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </SelectField>
            ) : (
              <p className="text-sm text-slate-600">No terminals are registered for this merchant.</p>
            )
          ) : null}
        </Card>

        <Card title="Amounts">
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            {amountField("amount", type === "verification" ? "Amount (not charged)" : "Amount")}
            {amountField("taxAmount", "Tax")}
            {amountField("shippingAmount", "Shipping")}
            {amountField("tipAmount", "Tip")}
          </div>
        </Card>

        <DetailsCard fieldErrors={fieldErrors} billingOpen={source === "card"} />
      </div>

      <div className="lg:col-span-1">
        <div className="space-y-4 lg:sticky lg:top-6">
          <SummaryCard
            lines={shown?.lines ?? [{ label: "Amount", amount: cents(amounts.amount) }]}
            preview={shown}
            total={type === "verification" ? 0 : total}
            cardPending={feePreview && source === "card" && !card?.bin && type !== "verification"}
            previewError={previewError}
            submitting={submitting}
            chargeLabel={chargeLabel}
          />
        </div>
      </div>
    </form>
  );
}
