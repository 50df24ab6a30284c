import { cn } from "./cn";
import { LinkNav } from "./link-nav";

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
    <LinkNav
      variant="chips"
      label={label}
      items={chips.map((c) => ({
        key: c.key,
        href: c.href,
        current: c.key === active,
        label: (current: boolean) => (
          <>
            {c.label}
            <span className={cn("tabular-nums", current ? "text-brand-100" : "text-slate-500")}>{c.count}</span>
          </>
        ),
      }))}
    />
  );
}
