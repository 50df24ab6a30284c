import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";
import { Pagination } from "./pagination";

export type SortDir = "asc" | "desc";

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: "left" | "right";
  /** Classes of this column's cells (a function for per-row emphasis, e.g. an overdue date in red). */
  className?: string | ((row: T) => string | undefined);
  /** The header links to the list sorted by this column (the `sort` prop says how to build that link). */
  sortable?: boolean;
  /** A `data-cell` name on this column's cells, for tests that read one column. */
  dataCell?: string;
}

/**
 * Where the table stands: `boxed` (a list page's own bordered box), `inset` (inside a Card, rows ruled, no box) or
 * `bleed` (inside a Card, edge to edge, with a shaded header).
 */
export type TableVariant = "boxed" | "inset" | "bleed";

const VARIANTS: Record<
  TableVariant,
  { wrap: string; table: string; head: string; headRow?: string; cell: string; row?: string }
> = {
  boxed: {
    wrap: "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm",
    table: "min-w-full divide-y divide-slate-200 text-sm",
    head: "bg-slate-50",
    cell: "px-4 py-2.5",
    row: "hover:bg-slate-50",
  },
  inset: {
    wrap: "overflow-x-auto",
    table: "min-w-full text-sm",
    head: "",
    headRow: "border-b border-slate-200",
    cell: "py-2 pr-4 last:pr-0",
  },
  bleed: {
    wrap: "overflow-x-auto",
    table: "min-w-full divide-y divide-slate-200 text-sm",
    head: "bg-slate-50",
    cell: "px-5 py-2.5",
  },
};

export interface TableSort {
  key: string;
  dir: SortDir;
  /** The URL of the list sorted by `key` in `dir`, keeping the page's other filters. */
  href: (key: string, dir: SortDir) => string;
}

/**
 * A list page's table: a caption for screen readers, sortable headers (server-side, through links, so the order lives
 * in the URL), an empty state in place of an empty table, pagination and an optional CSV export link.
 */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  sort,
  pagination,
  csvHref,
  rowClassName,
  rowData,
  variant = "boxed",
  region,
  className,
  stickyHeader,
}: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  empty?: ReactNode;
  sort?: TableSort;
  pagination?: { page: number; pageSize: number; total: number; href: (page: number) => string };
  csvHref?: string;
  rowClassName?: (row: T) => string | undefined;
  /** `data-*` attributes of a row (e.g. `{ "data-testid": "charge" }`). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  variant?: TableVariant;
  /** A table that scrolls and has nothing focusable inside: its scroll box is a named region reachable by keyboard. */
  region?: string;
  /** More classes on the scroll box (e.g. a Card's negative margins, a maximum height). */
  className?: string;
  stickyHeader?: boolean;
}) {
  const v = VARIANTS[variant];
  const scroll = region
    ? {
        tabIndex: 0,
        role: "region",
        "aria-label": region,
        className: "focus-visible:outline-2 focus-visible:outline-brand-600",
      }
    : null;
  return (
    <>
      {csvHref ? (
        <div className="mb-2 flex justify-end">
          <a className={buttonClass("secondary", "sm")} href={csvHref}>
            Export CSV
          </a>
        </div>
      ) : null}
      {rows.length === 0 && empty ? (
        empty
      ) : (
        <div {...scroll} className={cn(v.wrap, scroll?.className, className)}>
          <table className={v.table}>
            <caption className="sr-only">{caption}</caption>
            <thead
              className={cn(
                "text-left text-xs font-semibold uppercase tracking-wide text-slate-500",
                v.head,
                stickyHeader && "sticky top-0",
              )}
            >
              <tr className={v.headRow}>
                {columns.map((c) => (
                  <HeaderCell key={c.key} column={c} sort={sort} cell={v.cell} />
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={rowKey(row)} className={cn(v.row, rowClassName?.(row))} {...rowData?.(row)}>
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      data-cell={c.dataCell}
                      className={cn(
                        v.cell,
                        c.align === "right" && "whitespace-nowrap text-right tabular-nums",
                        typeof c.className === "function" ? c.className(row) : c.className,
                      )}
                    >
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pagination ? <Pagination {...pagination} /> : null}
    </>
  );
}

function HeaderCell<T>({ column: c, sort, cell }: { column: Column<T>; sort?: TableSort; cell: string }) {
  const active = sort?.key === c.key;
  const ariaSort =
    !c.sortable || !sort ? undefined : active ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={cn(cell, c.align === "right" && "text-right")}>
      {c.sortable && sort ? (
        <Link
          href={sort.href(c.key, active && sort.dir === "desc" ? "asc" : "desc")}
          className="inline-flex items-center gap-1 uppercase hover:text-slate-800"
        >
          {c.header}
          <span aria-hidden className={cn("text-[10px]", !active && "text-slate-300")}>
            {active && sort.dir === "asc" ? "▲" : "▼"}
          </span>
        </Link>
      ) : (
        c.header
      )}
    </th>
  );
}
