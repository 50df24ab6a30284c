import type { ReactNode } from "react";

/**
 * A chart's text alternative: the same figures as a table for screen readers (the drawing itself is hidden from
 * them, since an SVG of bars says nothing). Visually hidden; shown to assistive technology only.
 */
export function ChartData<T>({
  caption,
  columns,
  rows,
  children,
}: {
  caption: string;
  columns: { label: string; value: (row: T) => string }[];
  rows: readonly T[];
  children: ReactNode;
}) {
  return (
    <figure>
      <div aria-hidden="true">{children}</div>
      <table className="sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.label}>{c.value(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
