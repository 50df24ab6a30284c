import { PAYMENT_STATUS_LABELS, PLAN_STATUS_LABELS } from "./format";

const TONES: Record<string, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  scheduled: "bg-sky-50 text-sky-800 ring-sky-600/20",
  paid: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  finished: "bg-slate-100 text-slate-700 ring-slate-500/20",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-500/20",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
};

export function BillingStatusBadge({ status, kind }: { status: string; kind: "plan" | "payment" }) {
  const label = (kind === "plan" ? PLAN_STATUS_LABELS : PAYMENT_STATUS_LABELS)[status] ?? status;
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        TONES[status] ?? "bg-slate-100 text-slate-700 ring-slate-500/20"
      }`}
    >
      {label}
    </span>
  );
}
