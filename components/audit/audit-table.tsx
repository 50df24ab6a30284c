import type { AuditRow } from "@/db/queries/audit";
import { actionLabel, actorDisplay, changeSummary } from "@/lib/services/settings/audit-summary";
import { cn } from "@/components/ui/cn";
import { type Column, Table } from "@/components/ui/table";

const TONE: Record<string, string> = {
  transaction: "bg-sky-50 text-sky-800 ring-sky-200",
  member: "bg-violet-50 text-violet-800 ring-violet-200",
  merchant: "bg-violet-50 text-violet-800 ring-violet-200",
  invoice: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  boarding: "bg-amber-50 text-amber-800 ring-amber-200",
};

const COLUMNS: Column<AuditRow>[] = [
  {
    key: "time",
    header: "Time (UTC)",
    className: "whitespace-nowrap text-slate-600 tabular-nums",
    cell: (r) => <time dateTime={r.at.toISOString()}>{r.at.toISOString().slice(0, 19).replace("T", " ")}</time>,
  },
  {
    key: "actor",
    header: "Actor",
    cell: (r) => (
      <>
        {r.actorName ? (
          <>
            <p className="font-medium text-slate-900">{r.actorName}</p>
            <p className="text-xs text-slate-500">{r.actorEmail}</p>
          </>
        ) : (
          <p className="text-slate-700">{actorDisplay(r)}</p>
        )}
        {r.ip ? <p className="text-xs text-slate-500">{r.ip}</p> : null}
      </>
    ),
  },
  {
    key: "action",
    header: "Action",
    cell: (r) => (
      <>
        <span
          className={cn(
            "inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
            TONE[r.action.split(".")[0] ?? ""] ?? "bg-slate-50 text-slate-700 ring-slate-200",
          )}
        >
          {actionLabel(r.action)}
        </span>
        <p className="mt-1 font-mono text-[11px] text-slate-500">{r.action}</p>
      </>
    ),
  },
  {
    key: "target",
    header: "Target",
    className: "text-slate-700",
    cell: (r) => (
      <>
        {r.targetType ? <p className="text-xs text-slate-500">{r.targetType}</p> : null}
        {r.targetId ? (
          <p className="max-w-[14rem] truncate font-mono text-xs" title={r.targetId}>
            {r.targetId}
          </p>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </>
    ),
  },
  {
    key: "details",
    header: "Details",
    className: "max-w-md break-words text-slate-700",
    cell: (r) => changeSummary(r.before, r.after) || <span className="text-slate-500">—</span>,
  },
];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <Table
      caption="Audit log, newest first"
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => r.id}
      rowClassName={() => "align-top"}
      rowData={(r) => ({ "data-audit-row": r.action })}
    />
  );
}
