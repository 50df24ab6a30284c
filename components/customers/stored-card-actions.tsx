"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { type TokenizerHandle, TokenizerFrame, tokenOrError } from "@/components/payments/tokenizer-frame";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import type { CachedPaymentMethod } from "@/db/queries/customers";
import { replaceCardAction, updateCardExpiryAction } from "@/lib/actions/customers";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { storedMethodLabel } from "./format";
import { TokenizerPanel } from "./tokenizer-panel";

/**
 * A saved card's own changes: a new expiry date (confirmation with the field), or a replacement card typed into the
 * tokenizer iframe (card data never reaches the portal). The card keeps its place in the vault, so subscriptions and
 * billing plans that use it charge the updated card from their next payment.
 */
export function StoredCardActions({
  merchantId,
  customerId,
  method,
  tokenizer,
  onDone,
}: {
  merchantId: string;
  customerId: string;
  method: CachedPaymentMethod;
  tokenizer: TokenizerConfig | null;
  onDone: (notice: string) => void;
}) {
  const router = useRouter();
  const frame = useRef<TokenizerHandle>(null);
  const [open, setOpen] = useState<"expiry" | "replace" | null>(null);
  const [expiration, setExpiration] = useState(method.expiration ?? "");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<string[] | undefined>();
  const [busy, start] = useTransition();
  const label = storedMethodLabel(method);
  const ref = { merchantId, customerId, paymentMethodId: method.id };

  const close = () => {
    setOpen(null);
    setError(null);
    setFieldErrors(undefined);
  };
  const finish = (notice: string) => {
    close();
    onDone(notice);
    router.refresh();
  };

  function saveExpiry() {
    start(async () => {
      const r = await updateCardExpiryAction({ ...ref, expiration });
      if (!r.ok) {
        setError(r.error);
        setFieldErrors(r.fieldErrors?.expiration);
        return;
      }
      finish(`${label} now expires ${expiration.replace(/^(\d{2})\s*\/?\s*(\d{2})$/, "$1/$2")}.`);
    });
  }

  function replace() {
    start(async () => {
      const token = await tokenOrError(frame, setError);
      if (token === null) return;
      const r = await replaceCardAction({ ...ref, token });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      finish(`${label} was replaced. Subscriptions using it will charge the new card.`);
    });
  }

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        disabled={busy}
        onClick={() => setOpen("expiry")}
        aria-label={`Update expiry of ${label}`}
      >
        Update expiry
      </Button>
      {tokenizer ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={busy}
          onClick={() => setOpen("replace")}
          aria-label={`Replace card ${label}`}
        >
          Replace card
        </Button>
      ) : null}
      <ConfirmDialog
        open={open === "expiry"}
        title="Update the expiry date?"
        confirmLabel="Save expiry"
        busy={busy}
        error={error}
        onConfirm={saveExpiry}
        onCancel={close}
      >
        {open === "expiry" ? (
          <>
            <p>{label}. Use the date printed on the customer&apos;s renewed card; the card number stays the same.</p>
            <Field
              className="mt-3 text-left"
              name="expiration"
              id={`expiration-${method.id}`}
              label="Expiry date (MM/YY)"
              inputMode="numeric"
              autoComplete="off"
              maxLength={7}
              value={expiration}
              onChange={(e) => setExpiration(e.target.value)}
              errors={fieldErrors}
            />
          </>
        ) : null}
      </ConfirmDialog>
      {open === "replace" && tokenizer ? (
        <TokenizerPanel
          className="mt-2 w-full"
          title={`Replace ${label}`}
          error={error}
          busy={busy}
          submitLabel="Replace card"
          busyLabel="Replacing…"
          onCancel={close}
          onSubmit={replace}
        >
          <p className="mb-2 text-xs text-slate-600">
            The new card takes this card&apos;s place: subscriptions and billing plans using it charge the new card from
            their next payment. The old card is no longer kept.
          </p>
          <TokenizerFrame ref={frame} config={tokenizer} types={["card"]} label="Replacement card details" />
        </TokenizerPanel>
      ) : null}
    </>
  );
}
