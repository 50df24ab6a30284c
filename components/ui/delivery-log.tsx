import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";
import { inputClass } from "./field";

/**
 * The pieces of a delivery log page (Sent messages, Webhooks): a GET filter form, the log's table with its header,
 * and the expandable list of a row's attempts.
 */

export function LogFilterForm({
  label,
  base,
  filtered,
  children,
}: {
  label: string;
  base: string;
  filtered: boolean;
  children: ReactNode;
}) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={label}>
      {children}
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
      {filtered ? (
        <Link href={base} className="text-sm text-brand-700 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

/** A `<select>` of a filter form; the empty option means "any". */
export function LogFilterSelect({
  name,
  label,
  value,
  any,
  options,
  className,
}: {
  name: string;
  label: string;
  value: string | undefined;
  any: string;
  options: readonly (readonly [string, string])[];
  className?: string;
}) {
  return (
    <label className="text-sm">
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={cn("mt-1", inputClass, className)}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LogTable({
  caption,
  headers,
  children,
}: {
  caption: string;
  headers: ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            {headers.map((h, i) => (
              <th key={i} scope="col" className="px-4 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** "N attempts", expanding to one line per attempt. */
export function AttemptsList({ count, testId, children }: { count: number; testId: string; children: ReactNode }) {
  return (
    <details className="mt-1 text-xs text-slate-600">
      <summary className="cursor-pointer text-brand-700">{count === 1 ? "1 attempt" : `${count} attempts`}</summary>
      <ol className="mt-1 space-y-1" data-testid={testId}>
        {children}
      </ol>
    </details>
  );
}
