import { STATE_LABELS } from "./format";

const TONES: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-500/20",
  open: "bg-sky-50 text-sky-800 ring-sky-600/20",
  partially_paid: "bg-amber-50 text-amber-800 ring-amber-600/20",
  paid: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  void: "bg-slate-100 text-slate-500 ring-slate-400/20 line-through",
  declined: "bg-red-50 text-red-800 ring-red-600/20",
  overdue: "bg-red-50 text-red-800 ring-red-600/20",
};

export function InvoiceStateBadge({ state, overdue = false }: { state: string; overdue?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span
        data-state={state}
        className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
          TONES[state] ?? TONES.draft
        }`}
      >
        {STATE_LABELS[state] ?? state}
      </span>
      {overdue ? (
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES.overdue}`}>
          Overdue
        </span>
      ) : null}
    </span>
  );
}
