import { STATUS_LABELS } from "./format";

const TONES: Record<string, string> = {
  settled: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  pending_settlement: "bg-sky-50 text-sky-800 ring-sky-600/20",
  authorized: "bg-indigo-50 text-indigo-800 ring-indigo-600/20",
  pending: "bg-amber-50 text-amber-800 ring-amber-600/20",
  declined: "bg-red-50 text-red-800 ring-red-600/20",
  returned: "bg-red-50 text-red-800 ring-red-600/20",
  flagged: "bg-red-50 text-red-800 ring-red-600/20",
  voided: "bg-slate-100 text-slate-700 ring-slate-500/20",
  refunded: "bg-violet-50 text-violet-800 ring-violet-600/20",
  partially_refunded: "bg-violet-50 text-violet-800 ring-violet-600/20",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        TONES[status] ?? "bg-slate-100 text-slate-700 ring-slate-500/20"
      }`}
    >
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}
