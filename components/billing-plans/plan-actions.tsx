"use client";

import type { FieldErrors } from "@/lib/action-result";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { ConfirmDialog, useConfirmDialogs } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import {
  cancelBillingPaymentAction,
  cancelBillingPlanAction,
  chargeBillingPaymentAction,
  markBillingPaymentPaidAction,
} from "@/lib/actions/billing-plans";

/** Cancels the whole plan behind a confirmation that says what happens to the remaining payments. */
export function CancelPlanButton({
  merchantId,
  planId,
  remaining,
}: {
  merchantId: string;
  planId: string;
  remaining: number;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <ConfirmActionButton
      variant="danger"
      label="Cancel plan"
      title="Cancel this billing plan?"
      confirmLabel="Cancel plan"
      action={() => cancelBillingPlanAction({ merchantId, planId })}
      onDone={() => {
        router.replace(`${pathname}?cancelled=1`);
        router.refresh();
      }}
    >
      CoPilot stops charging the customer.{" "}
      {remaining > 0
        ? `The ${remaining} scheduled payment${remaining === 1 ? " is" : "s are"} cancelled; paid ones stay as they are.`
        : "No payment is scheduled any more."}{" "}
      This cannot be undone: create a new plan to bill again.
    </ConfirmActionButton>
  );
}

/**
 * One scheduled payment: charge it now on the plan's stored card, mark it paid (collected another way, optional
 * reference) or cancel it.
 */
export function PaymentActions({
  merchantId,
  planId,
  payment,
}: {
  merchantId: string;
  planId: string;
  payment: { id: string; label: string; status: string };
}) {
  const router = useRouter();
  const pathname = usePathname();
  const dialogs = useConfirmDialogs<"charge" | "paid" | "cancel">();
  const { setOpen, setError, start } = dialogs;
  const [retref, setRetref] = useState("");
  const [retrefErrors, setRetrefErrors] = useState<string[] | undefined>();
  const canPay = payment.status === "scheduled" || payment.status === "failed";
  const canCancel = payment.status === "scheduled";
  if (!canPay && !canCancel) return null;
  const close = () => {
    setOpen(null);
    setError(null);
    setRetrefErrors(undefined);
  };
  const run = (fn: () => Promise<{ ok: boolean; error?: string; fieldErrors?: FieldErrors }>) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) {
        setError(r.error ?? "Something went wrong.");
        setRetrefErrors(r.fieldErrors?.retref);
        return;
      }
      close();
      router.replace(pathname);
      router.refresh();
    });
  return (
    <div className="flex justify-end gap-1.5">
      {canPay ? (
        <Button
          variant="primary"
          size="sm"
          onClick={() => setOpen("charge")}
          aria-label={`Charge ${payment.label} now`}
        >
          Charge now
        </Button>
      ) : null}
      {canPay ? (
        <Button variant="secondary" size="sm" onClick={() => setOpen("paid")} aria-label={`Mark ${payment.label} paid`}>
          Mark paid
        </Button>
      ) : null}
      {canCancel ? (
        <Button variant="ghost" size="sm" onClick={() => setOpen("cancel")} aria-label={`Cancel ${payment.label}`}>
          Cancel
        </Button>
      ) : null}
      <ConfirmDialog
        {...dialogs.dialog("charge", close)}
        title="Charge this payment now?"
        confirmLabel="Charge card"
        onConfirm={() => run(() => chargeBillingPaymentAction({ merchantId, planId, paymentId: payment.id }))}
      >
        {payment.label} is charged now on the card saved for this plan and marked paid, so CoPilot does not charge it
        again.
      </ConfirmDialog>
      <ConfirmDialog
        {...dialogs.dialog("paid", close)}
        title="Mark this payment paid?"
        confirmLabel="Mark paid"
        onConfirm={() =>
          run(() =>
            markBillingPaymentPaidAction({ merchantId, planId, paymentId: payment.id, retref: retref || undefined }),
          )
        }
      >
        <p>
          {payment.label}. CoPilot will not charge it. Use this when the customer paid another way; the portal does not
          move money.
        </p>
        <Field
          className="mt-3 text-left"
          name="retref"
          id={`retref-${payment.id}`}
          label="Retrieval reference (optional)"
          maxLength={13}
          value={retref}
          onChange={(e) => setRetref(e.target.value)}
          errors={retrefErrors}
        />
      </ConfirmDialog>
      <ConfirmDialog
        {...dialogs.dialog("cancel", close)}
        title="Cancel this payment?"
        confirmLabel="Cancel payment"
        onConfirm={() => run(() => cancelBillingPaymentAction({ merchantId, planId, paymentId: payment.id }))}
      >
        {payment.label} will not be charged. The rest of the plan keeps running.
      </ConfirmDialog>
    </div>
  );
}
