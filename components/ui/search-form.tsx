import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";
import { inputClass } from "./field";

/** A filter of a SearchForm: its label above its control (give the control `filterInputClass`). */
export function FilterControl({ id, label, children }: { id: string; label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

export const filterInputClass = cn("mt-1", inputClass);

/**
 * A list page's search row, a GET form that keeps its state in the URL: the search box (`q`), the page's other
 * filters, Search, and Clear while anything is filtered.
 */
export function SearchForm({
  action,
  q,
  label = "Search",
  placeholder,
  hidden = {},
  clearHref,
  wide = true,
  className = "mb-4 gap-3",
  children,
}: {
  action?: string;
  q: string | undefined;
  label?: string;
  placeholder: string;
  /** Filters chosen elsewhere on the page (a tab, a status chip) that a search keeps. */
  hidden?: Record<string, string | undefined>;
  /** Where Clear leads; no Clear link without it. */
  clearHref?: string;
  /** The search box takes the row's free width (else a fixed one). */
  wide?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <form role="search" method="get" action={action} className={cn("flex flex-wrap items-end", className)}>
      {Object.entries(hidden).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <div className={wide ? "min-w-64 flex-1" : undefined}>
        <FilterControl id="q" label={label}>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={placeholder}
            className={cn(filterInputClass, !wide && "w-80")}
          />
        </FilterControl>
      </div>
      {children}
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
      {clearHref ? (
        <Link href={clearHref} className="py-2 text-sm text-slate-600 hover:underline">
          Clear
        </Link>
      ) : null}
    </form>
  );
}
