"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeSubscriptionStatusAction } from "@/lib/actions/recurring";
import type { SubscriptionStatusChange } from "@/lib/gateway/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";

const COPY: Record<SubscriptionStatusChange, { button: string; title: string; body: string }> = {
  active: {
    button: "Activate",
    title: "Activate this subscription?",
    body: "Billing resumes on the next bill date below. Missed cycles are not charged retroactively.",
  },
  paused: {
    button: "Pause",
    title: "Pause this subscription?",
    body: "No charges run while it is paused. You can activate it again with a new next bill date.",
  },
  past_due: {
    button: "Mark past due",
    title: "Mark this subscription past due?",
    body: "Billing stops and no more attempts are made until you activate it again.",
  },
  cancelled: {
    button: "Cancel subscription",
    title: "Cancel this subscription?",
    body: "Billing stops for good unless you activate it again. The customer is not charged again.",
  },
  completed: {
    button: "Complete",
    title: "Mark this subscription completed?",
    body: "Billing stops: the subscription is treated as having run its course.",
  },
};

/** Lifecycle buttons: only the moves the current status allows (computed on the server), each confirmed. */
export function SubscriptionActions({
  merchantId,
  subscriptionId,
  allowed,
  today,
}: {
  merchantId: string;
  subscriptionId: string;
  allowed: SubscriptionStatusChange[];
  today: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<SubscriptionStatusChange | null>(null);
  const [date, setDate] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string[] | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (allowed.length === 0) return null;
  const close = () => {
    setOpen(null);
    setError(null);
    setDateError(undefined);
  };
  return (
    <div className="space-y-3">
      {done ? <Alert tone="success">{done}</Alert> : null}
      {/* The lifecycle moves together; the red Cancel stands apart on the right, never between them. */}
      <div className="flex flex-wrap items-center gap-2">
        {[...allowed.filter((to) => to !== "cancelled"), ...allowed.filter((to) => to === "cancelled")].map((to) => (
          <Button
            key={to}
            variant={to === "cancelled" ? "danger" : to === "active" ? "primary" : "secondary"}
            size="sm"
            className={to === "cancelled" ? "sm:ml-auto" : undefined}
            onClick={() => {
              setDone(null);
              setOpen(to);
            }}
          >
            {COPY[to].button}
          </Button>
        ))}
      </div>
      <ConfirmDialog
        open={open !== null}
        title={open ? COPY[open].title : ""}
        confirmLabel={open ? COPY[open].button : "Confirm"}
        busy={pending}
        error={error}
        onCancel={close}
        onConfirm={() => {
          if (!open) return;
          const to = open;
          start(async () => {
            const r = await changeSubscriptionStatusAction({
              merchantId,
              subscriptionId,
              status: to,
              ...(to === "active" && date ? { nextBillDate: date } : {}),
            });
            if (!r.ok) {
              setError(r.error);
              setDateError(r.fieldErrors?.nextBillDate);
              return;
            }
            close();
            setDone(`Subscription is now ${r.data.status.replace("_", " ")}.`);
            router.refresh();
          });
        }}
      >
        <p>{open ? COPY[open].body : null}</p>
        {open === "active" ? (
          <div className="mt-3">
            <Field
              name="nextBillDate"
              label="Next bill date"
              type="date"
              min={today}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              errors={dateError}
            />
          </div>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
