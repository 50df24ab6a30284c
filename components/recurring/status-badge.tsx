import { SUBSCRIPTION_STATUS_LABELS } from "./format";

const TONES: Record<string, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  paused: "bg-slate-100 text-slate-700 ring-slate-500/20",
  past_due: "bg-amber-50 text-amber-800 ring-amber-600/20",
  failing: "bg-red-50 text-red-800 ring-red-600/20",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
  error: "bg-red-50 text-red-800 ring-red-600/20",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-500/20",
  completed: "bg-sky-50 text-sky-800 ring-sky-600/20",
};

export function SubscriptionStatusBadge({ status }: { status: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        TONES[status] ?? "bg-slate-100 text-slate-700 ring-slate-500/20"
      }`}
    >
      {SUBSCRIPTION_STATUS_LABELS[status] ?? status}
    </span>
  );
}
