"use client";

import { useActionState, useEffect } from "react";
import { enterGiftCardAction } from "@/lib/actions/gift-cards";
import type { ActionResult } from "@/lib/action-result";
import type { EnteredCard } from "@/lib/services/gift-cards/operations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/**
 * The only place a gift-card number is typed. The form posts straight to the tokenization action; the number is
 * not kept in React state, and React resets the uncontrolled inputs after the action, so only the returned token
 * and last four stay in the page.
 */
export function GiftCardEntry({ merchantId, onEntered }: { merchantId: string; onEntered: (c: EnteredCard) => void }) {
  const [state, action, pending] = useActionState<ActionResult<EnteredCard> | null, FormData>(
    (prev, fd) => enterGiftCardAction(prev, fd),
    null,
  );
  useEffect(() => {
    if (state?.ok) onEntered(state.data);
  }, [state, onEntered]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" autoComplete="off" aria-label="Enter a gift card">
      <input type="hidden" name="merchantId" value={merchantId} />
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <Field
          name="cardNumber"
          label="Card number"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder="6060 …"
          required
          errors={errors?.cardNumber}
        />
        <Field
          name="securityCode"
          label="Security code"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          required
          errors={errors?.securityCode}
        />
      </div>
      {state && !state.ok && !errors ? (
        <Alert tone="error" title="The card could not be read">
          {state.code === "not_found" ? "No gift card of this store has that number." : state.error}
        </Alert>
      ) : null}
      <div className="flex items-center justify-between gap-4">
        <p className="text-xs text-slate-500">
          The number is exchanged for a 10-minute card token at the gift-card server and is not stored.
        </p>
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Look up card"}
        </Button>
      </div>
    </form>
  );
}
