import Link from "next/link";
import { cn } from "./cn";

export interface FilterChip {
  key: string;
  label: string;
  count: number;
  href: string;
}

/** A list's filters as links (each filter has its own URL), each with how many rows it holds; `active` is current. */
export function FilterChips({
  chips,
  active,
  label = "Filter by status",
}: {
  chips: FilterChip[];
  active: string;
  label?: string;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {chips.map((c) => {
        const current = c.key === active;
        return (
          <Link
            key={c.key}
            href={c.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset",
              current
                ? "bg-brand-600 text-white ring-brand-600"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
            )}
          >
            {c.label}
            <span className={cn("tabular-nums", current ? "text-brand-100" : "text-slate-500")}>{c.count}</span>
          </Link>
        );
      })}
    </nav>
  );
}
