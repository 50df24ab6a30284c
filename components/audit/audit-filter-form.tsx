import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { actionLabel } from "@/lib/services/settings/audit-summary";
import { cn } from "@/components/ui/cn";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and exported as is. */
export function AuditFilterForm({
  action,
  values,
  errors,
  people,
  labels,
  actions,
}: {
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  people: { id: string; name: string; email: string }[];
  labels: string[];
  actions: { action: string; n: number }[];
}) {
  const families = [...new Set(actions.map((a) => a.action.split(".")[0]))].filter((f) => f && actions.length > 1);
  const field = (name: string) => ({
    id: `audit-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `audit-${name}-error` : undefined,
  });
  const err = (name: string) =>
    errors[name] ? (
      <p id={`audit-${name}-error`} className="mt-1 text-xs text-red-700">
        {errors[name]}
      </p>
    ) : null;
  return (
    <form
      method="get"
      action={action}
      aria-label="Filter the audit log"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[1.4fr_1.4fr_1fr_1fr_auto]"
    >
      <div>
        <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
          Actor
        </label>
        <select {...field("actor")} defaultValue={values.actor ?? ""} className={cn("mt-1", inputClass)}>
          <option value="">Anyone</option>
          {people.length ? (
            <optgroup label="People">
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
            </optgroup>
          ) : null}
          {labels.length ? (
            <optgroup label="Systems">
              {labels.map((l) => (
                <option key={l} value={`label:${l}`}>
                  {l}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        {err("actor")}
      </div>
      <div>
        <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
          Action
        </label>
        <select {...field("action")} defaultValue={values.action ?? ""} className={cn("mt-1", inputClass)}>
          <option value="">Any action</option>
          {families.length ? (
            <optgroup label="Groups">
              {families.map((f) => (
                <option key={f} value={`${f}.`}>
                  All {actionLabel(f ?? "").toLowerCase()} actions
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label="Actions">
            {actions.map((a) => (
              <option key={a.action} value={a.action}>
                {actionLabel(a.action)} ({a.n})
              </option>
            ))}
          </optgroup>
        </select>
        {err("action")}
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-sm font-medium text-slate-800">
          From
        </label>
        <input type="date" {...field("from")} defaultValue={values.from ?? ""} className={cn("mt-1", inputClass)} />
        {err("from")}
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-sm font-medium text-slate-800">
          To
        </label>
        <input type="date" {...field("to")} defaultValue={values.to ?? ""} className={cn("mt-1", inputClass)} />
        {err("to")}
      </div>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Apply
        </button>
        {Object.keys(values).length ? (
          <Link href={action} className="px-2 py-2 text-sm text-slate-600 hover:text-slate-900">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
