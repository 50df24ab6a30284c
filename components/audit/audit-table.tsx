import type { AuditRow } from "@/db/queries/audit";
import { actionLabel, actorDisplay, changeSummary } from "@/lib/services/settings/audit-summary";
import { cn } from "@/components/ui/cn";

const TONE: Record<string, string> = {
  transaction: "bg-sky-50 text-sky-800 ring-sky-200",
  member: "bg-violet-50 text-violet-800 ring-violet-200",
  merchant: "bg-violet-50 text-violet-800 ring-violet-200",
  invoice: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  boarding: "bg-amber-50 text-amber-800 ring-amber-200",
};

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="bg-slate-50">
          <tr className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <th scope="col" className="px-4 py-2.5 whitespace-nowrap">
              Time (UTC)
            </th>
            <th scope="col" className="px-4 py-2.5">
              Actor
            </th>
            <th scope="col" className="px-4 py-2.5">
              Action
            </th>
            <th scope="col" className="px-4 py-2.5">
              Target
            </th>
            <th scope="col" className="px-4 py-2.5">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const family = r.action.split(".")[0] ?? "";
            const summary = changeSummary(r.before, r.after);
            return (
              <tr key={r.id} data-audit-row={r.action} className="align-top">
                <td className="px-4 py-3 whitespace-nowrap text-slate-600 tabular-nums">
                  <time dateTime={r.at.toISOString()}>{r.at.toISOString().slice(0, 19).replace("T", " ")}</time>
                </td>
                <td className="px-4 py-3">
                  {r.actorName ? (
                    <>
                      <p className="font-medium text-slate-900">{r.actorName}</p>
                      <p className="text-xs text-slate-500">{r.actorEmail}</p>
                    </>
                  ) : (
                    <p className="text-slate-700">{actorDisplay(r)}</p>
                  )}
                  {r.ip ? <p className="text-xs text-slate-500">{r.ip}</p> : null}
                </td>
                <td className="px-4 py-3">
                  <span
                    className={cn(
                      "inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
                      TONE[family] ?? "bg-slate-50 text-slate-700 ring-slate-200",
                    )}
                  >
                    {actionLabel(r.action)}
                  </span>
                  <p className="mt-1 font-mono text-[11px] text-slate-500">{r.action}</p>
                </td>
                <td className="px-4 py-3 text-slate-700">
                  {r.targetType ? <p className="text-xs text-slate-500">{r.targetType}</p> : null}
                  {r.targetId ? (
                    <p className="max-w-[14rem] truncate font-mono text-xs" title={r.targetId}>
                      {r.targetId}
                    </p>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                <td className="max-w-md px-4 py-3 break-words text-slate-700">
                  {summary || <span className="text-slate-500">—</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
