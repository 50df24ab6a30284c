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
}: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
  sort?: TableSort;
  pagination?: { page: number; pageSize: number; total: number; href: (page: number) => string };
  csvHref?: string;
  rowClassName?: (row: T) => string | undefined;
  /** `data-*` attributes of a row (e.g. `{ "data-testid": "charge" }`). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
}) {
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                {columns.map((c) => (
                  <HeaderCell key={c.key} column={c} sort={sort} />
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={rowKey(row)} className={cn("hover:bg-slate-50", rowClassName?.(row))} {...rowData?.(row)}>
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      data-cell={c.dataCell}
                      className={cn(
                        "px-4 py-2.5",
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

function HeaderCell<T>({ column: c, sort }: { column: Column<T>; sort?: TableSort }) {
  const active = sort?.key === c.key;
  const ariaSort =
    !c.sortable || !sort ? undefined : active ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={cn("px-4 py-2.5", c.align === "right" && "text-right")}>
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
