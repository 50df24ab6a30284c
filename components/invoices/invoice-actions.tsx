"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useConfirmDialogs } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import {
  deleteInvoiceAction,
  markInvoicePaidAction,
  sendInvoiceAction,
  voidInvoiceAction,
} from "@/lib/actions/invoices";
import type { ActionResult } from "@/lib/action-result";
import { SEND_CHANNEL_LABELS, SEND_CHANNELS, type SendChannel } from "@/lib/validations/invoices";
import { cn } from "@/components/ui/cn";

type Dialog = null | "void" | "delete" | "paid";

/** What the merchant can do to one invoice; the server decides again (state rules in lib/services/invoices/rules.ts). */
export function InvoiceActions({
  merchantId,
  invoiceId,
  can,
  defaultChannel,
  amountDue,
}: {
  merchantId: string;
  invoiceId: string;
  can: { send: boolean; resend: boolean; markPaid: boolean; void: boolean; delete: boolean };
  defaultChannel: SendChannel;
  amountDue: string;
}) {
  const router = useRouter();
  const dialogs = useConfirmDialogs<Exclude<Dialog, null>>();
  const { pending, start, error, setError, open: dialog, setOpen: setDialog } = dialogs;
  const [link, setLink] = useState<{ url: string; delivered: { channel: string; to: string }[] } | null>(null);
  const [channel, setChannel] = useState<SendChannel>(defaultChannel);
  const [method, setMethod] = useState<"cash" | "check" | "other">("check");
  const [note, setNote] = useState("");

  function run<T>(call: () => Promise<ActionResult<T>>, after?: (data: T) => void) {
    setError(null);
    start(async () => {
      const r = await call();
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setDialog(null);
      after?.(r.data);
      router.refresh();
    });
  }

  const send = () =>
    run(
      () => sendInvoiceAction({ merchantId, invoiceId, sendVia: channel }),
      (d) => setLink(d),
    );

  return (
    <div className="space-y-3">
      {error && !dialog ? <Alert tone="error">{error}</Alert> : null}
      {link ? (
        <Alert tone="success" title={link.delivered.length ? "Sent" : "Pay link ready"}>
          {link.delivered.length ? (
            <p>
              {link.delivered
                .map((m) => `${m.channel === "email" ? "Email queued" : "Text recorded"} for ${m.to}`)
                .join("; ")}
              . Delivery is in the Deliveries list below.
            </p>
          ) : null}
          <p className="mt-1">
            Pay link (also kept on this page to copy):{" "}
            <a href={link.url} className="break-all font-mono text-xs underline" data-testid="pay-link">
              {link.url}
            </a>
          </p>
        </Alert>
      ) : null}
      {can.send || can.resend ? (
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="send-channel" className="block text-xs font-medium text-slate-600">
              Deliver by
            </label>
            <select
              id="send-channel"
              value={channel}
              onChange={(e) => setChannel(e.target.value as SendChannel)}
              className={cn("mt-1", inputClass)}
            >
              {SEND_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c === "none" ? "Just make a link" : SEND_CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
          <Button onClick={send} disabled={pending}>
            {pending && !dialog ? "Working…" : can.resend ? "Resend" : "Send"}
          </Button>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {can.markPaid ? (
          <Button variant="secondary" onClick={() => setDialog("paid")}>
            Mark as paid
          </Button>
        ) : null}
        {can.void ? (
          <Button variant="secondary" onClick={() => setDialog("void")}>
            Void
          </Button>
        ) : null}
        {can.delete ? (
          <Button variant="ghost" className="text-red-700" onClick={() => setDialog("delete")}>
            Delete draft
          </Button>
        ) : null}
      </div>

      <ConfirmDialog
        {...dialogs.dialog("void")}
        title="Void this invoice?"
        confirmLabel="Void invoice"
        onConfirm={() =>
          run(
            () => voidInvoiceAction({ merchantId, invoiceId }),
            // The page says so (this panel goes away with the last action a void invoice allows).
            () => router.replace(`${window.location.pathname}?voided=1`),
          )
        }
      >
        The customer&apos;s pay links stop working and the invoice can no longer be paid. The record stays here as void.
      </ConfirmDialog>
      <ConfirmDialog
        {...dialogs.dialog("delete")}
        title="Delete this draft?"
        confirmLabel="Delete draft"
        onConfirm={() =>
          run(
            () => deleteInvoiceAction({ merchantId, invoiceId }),
            () => router.push(`/m/${merchantId}/invoices?deleted=1`),
          )
        }
      >
        The draft is removed for good. It was never sent, so no customer has its link.
      </ConfirmDialog>
      <ConfirmDialog
        {...dialogs.dialog("paid")}
        title="Mark as paid outside the portal?"
        confirmLabel="Mark as paid"
        onConfirm={() => run(() => markInvoicePaidAction({ merchantId, invoiceId, method, note }))}
      >
        <p>Records the remaining {amountDue} as received by cash or check. Nothing is charged.</p>
        <div className="mt-3 grid gap-3">
          <div>
            <label htmlFor="paid-method" className="block text-sm font-medium text-slate-800">
              Received as
            </label>
            <select
              id="paid-method"
              value={method}
              onChange={(e) => setMethod(e.target.value as "cash" | "check" | "other")}
              className={cn("mt-1", inputClass)}
            >
              <option value="check">Check</option>
              <option value="cash">Cash</option>
              <option value="other">Other</option>
            </select>
          </div>
          <div>
            <label htmlFor="paid-note" className="block text-sm font-medium text-slate-800">
              Note (check number, who received it)
            </label>
            <input
              id="paid-note"
              value={note}
              maxLength={255}
              onChange={(e) => setNote(e.target.value)}
              className={cn("mt-1", inputClass)}
            />
          </div>
        </div>
      </ConfirmDialog>
    </div>
  );
}
