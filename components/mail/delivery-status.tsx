const STYLES: Record<string, { label: string; className: string }> = {
  queued: { label: "Queued", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  sending: { label: "Sending", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  sent: { label: "Sent", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  retrying: { label: "Retrying", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  failed: { label: "Failed", className: "bg-red-50 text-red-800 ring-red-200" },
};

/** Where a message is in its delivery: queued → (sending) → sent, or retrying → failed after the last attempt. */
export function DeliveryStatus({ status }: { status: string }) {
  const s = STYLES[status] ?? { label: status, className: "bg-slate-100 text-slate-700 ring-slate-200" };
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.className}`}
      data-testid="delivery-status"
    >
      {s.label}
    </span>
  );
}

export const DELIVERY_STATUS_LABELS = Object.fromEntries(Object.entries(STYLES).map(([k, v]) => [k, v.label]));
