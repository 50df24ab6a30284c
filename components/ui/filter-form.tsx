import Link from "next/link";
import type { ReactNode } from "react";

/** A list page's GET filter form (the filters live in the URL): small labelled inputs, Filter and Clear. */

const INPUT = "mt-0.5 block rounded-md border border-slate-300 px-2 py-1";

export function FilterDate({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label className="text-xs text-slate-500">
      {label}
      <input type="date" name={name} defaultValue={value} className={INPUT} />
    </label>
  );
}

export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  /** value → label, in order. */
  options: Record<string, string>;
}) {
  return (
    <label className="text-xs text-slate-500">
      {label}
      <select name={name} defaultValue={value ?? ""} className={INPUT}>
        {Object.entries(options).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterForm({
  action,
  clearHref,
  children,
}: {
  action?: string;
  /** Shown when filters are set. */
  clearHref?: string;
  children: ReactNode;
}) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-2 text-sm" role="search" action={action}>
      {children}
      <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
      {clearHref && (
        <Link href={clearHref} className="px-2 py-1.5 text-slate-600 underline">
          Clear
        </Link>
      )}
    </form>
  );
}
