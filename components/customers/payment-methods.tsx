"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { type TokenizerHandle, TokenizerFrame, tokenOrError } from "@/components/payments/tokenizer-frame";
import { PanelNotices } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog, useRemoval } from "@/components/ui/confirm-dialog";
import type { CachedPaymentMethod } from "@/db/queries/customers";
import {
  addPaymentMethodAction,
  deletePaymentMethodAction,
  setDefaultPaymentMethodAction,
} from "@/lib/actions/customers";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { storedMethodLabel } from "./format";
import { StoredCardActions } from "./stored-card-actions";
import { TokenizerPanel } from "./tokenizer-panel";

function MethodIcon({ kind }: { kind: string }) {
  return (
    <span
      aria-hidden="true"
      className="flex h-8 w-12 shrink-0 items-center justify-center rounded-md bg-slate-100 text-[10px] font-semibold uppercase tracking-wide text-slate-600 ring-1 ring-inset ring-slate-200"
    >
      {kind === "ach" ? "Bank" : "Card"}
    </span>
  );
}

/** The reference a storefront (Elastic Path `card_connect`) uses to charge this stored profile, with a copy button. */
function StorefrontReference({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <p className="mt-1 flex items-center gap-2 text-xs text-slate-600">
      <span>Storefront reference</span>
      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800" data-testid="storefront-reference">
        {value}
      </code>
      <button
        type="button"
        className="text-brand-700 underline"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </p>
  );
}

export function PaymentMethods({
  merchantId,
  customerId,
  methods,
  tokenizer,
  unavailable,
  canEdit,
  storefrontReferences,
}: {
  merchantId: string;
  customerId: string;
  methods: CachedPaymentMethod[];
  /** CardPointe profiles: the `account_id|profile_id` reference an Elastic Path storefront charges (seed 004). */
  storefrontReferences?: Record<string, string>;
  tokenizer: TokenizerConfig | null;
  unavailable: string | null;
  canEdit: boolean;
}) {
  const router = useRouter();
  const frame = useRef<TokenizerHandle>(null);
  const [adding, setAdding] = useState(false);
  const [makeDefault, setMakeDefault] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const ref = { merchantId, customerId };

  const removal = useRemoval<CachedPaymentMethod>(
    startTransition,
    (m) => deletePaymentMethodAction({ ...ref, paymentMethodId: m.id, kind: m.kind }),
    () => {
      setNotice("Payment method removed.");
      router.refresh();
    },
  );

  function save() {
    setError(null);
    startTransition(async () => {
      const token = await tokenOrError(frame, setError);
      if (token === null) return;
      const r = await addPaymentMethodAction({ ...ref, token, makeDefault });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setAdding(false);
      setMakeDefault(false);
      setNotice("Payment method saved.");
      router.refresh();
    });
  }

  function makeDefaultMethod(m: CachedPaymentMethod) {
    setNotice(null);
    startTransition(async () => {
      const r = await setDefaultPaymentMethodAction({ ...ref, paymentMethodId: m.id, kind: m.kind });
      if (!r.ok) setError(r.error);
      else {
        setNotice(`${storedMethodLabel(m)} is now the default.`);
        router.refresh();
      }
    });
  }

  return (
    <Card
      id="payment-methods"
      title="Payment methods"
      description="Stored at the gateway; only masked numbers are shown."
      actions={
        canEdit && tokenizer && !adding ? (
          <Button size="sm" variant="secondary" onClick={() => (setAdding(true), setNotice(null), setError(null))}>
            Add payment method
          </Button>
        ) : null
      }
    >
      <PanelNotices notice={notice} error={adding ? null : error} />
      {methods.length === 0 && !adding ? (
        <p className="text-sm text-slate-600">
          No payment methods yet. Add a card or bank account to charge this customer.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {methods.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-3 py-3 first:pt-0">
              <MethodIcon kind={m.kind} />
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900">
                  {storedMethodLabel(m)}
                  {m.isDefault ? (
                    <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">
                      Default
                    </span>
                  ) : null}
                </p>
                <p className="font-mono text-xs text-slate-500">
                  {m.masked ?? "—"}
                  {m.expiration ? <span className="ml-2 font-sans">Expires {m.expiration}</span> : null}
                </p>
                {storefrontReferences?.[m.id] ? (
                  <StorefrontReference value={storefrontReferences[m.id] as string} />
                ) : null}
              </div>
              {canEdit ? (
                <div className="flex flex-wrap justify-end gap-1">
                  {m.kind === "card" ? (
                    <StoredCardActions
                      merchantId={merchantId}
                      customerId={customerId}
                      method={m}
                      tokenizer={tokenizer}
                      onDone={setNotice}
                    />
                  ) : null}
                  {!m.isDefault ? (
                    <Button size="sm" variant="ghost" disabled={busy} onClick={() => makeDefaultMethod(m)}>
                      Make default
                    </Button>
                  ) : null}
                  <Button {...removal.buttonFor(m)} disabled={busy} aria-label={`Remove ${storedMethodLabel(m)}`}>
                    Remove
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {unavailable && canEdit ? (
        <p className="mt-3 text-sm text-amber-800" role="status">
          {unavailable}
        </p>
      ) : null}
      {adding && tokenizer ? (
        <TokenizerPanel
          title="New payment method"
          error={error}
          busy={busy}
          submitLabel="Save payment method"
          busyLabel="Saving…"
          onCancel={() => setAdding(false)}
          onSubmit={save}
        >
          <TokenizerFrame ref={frame} config={tokenizer} types={["card", "ach"]} label="New payment method details" />
          <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={makeDefault}
              onChange={(e) => setMakeDefault(e.target.checked)}
              className="h-4 w-4 rounded border-slate-300"
            />
            Make this the default payment method
          </label>
        </TokenizerPanel>
      ) : null}
      <ConfirmDialog {...removal.dialog} title="Remove this payment method?" confirmLabel="Remove" busy={busy}>
        {removal.item ? (
          <p>
            {storedMethodLabel(removal.item)} will be deleted from the vault. Subscriptions using it will fail until
            another method is chosen.
          </p>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}
