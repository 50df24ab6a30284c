"use client";

import { useState, useTransition } from "react";
import { settleTerminalAction } from "@/lib/actions/terminals";
import { cn } from "@/components/ui/cn";

/** "Settle now" with an inline confirmation: closing a batch cannot be undone. */
export function SettleTerminalButton({
  merchantId,
  terminalId,
  label,
}: {
  merchantId: string;
  terminalId: string;
  label: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div className="flex items-center gap-2">
          <span className="text-xs text-slate-600">Close this terminal&apos;s open transactions now?</span>
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await settleTerminalAction({ merchantId, terminalId });
                setMessage(r.ok ? { ok: true, text: r.data.message } : { ok: false, text: r.error });
                setConfirming(false);
              })
            }
            className="rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? "Settling…" : "Confirm settle"}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="text-xs text-slate-600 hover:underline">
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => {
            setConfirming(true);
            setMessage(null);
          }}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50"
        >
          Settle<span className="sr-only"> {label}</span>
        </button>
      )}
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={cn("text-xs", message.ok ? "text-emerald-700" : "text-red-700")}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
