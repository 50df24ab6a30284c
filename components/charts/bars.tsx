/**
 * Charts drawn on the server as plain HTML and SVG: no chart library and no JavaScript in the browser (issue 18 §4,
 * every merchant page within its JavaScript budget). Each drawing sits inside `ChartData`, which hides it from
 * screen readers and gives them the same figures as a table; a bar's `title` shows its figures on hover.
 */

export interface Series<T> {
  name: string;
  color: string;
  value: (row: T) => number;
}

export function Legend({ items }: { items: { name: string; color: string }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-slate-600">
      {items.map((s) => (
        <li key={s.name} className="flex items-center gap-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/**
 * Columns over time (one per row), the series side by side (`stacked` = on top of each other). The y axis shows
 * the top of the scale and zero; the x axis the first, middle and last label.
 */
export function ColumnChart<T>({
  rows,
  series,
  label,
  format,
  height,
  stacked = false,
}: {
  rows: readonly T[];
  series: Series<T>[];
  label: (row: T) => string;
  format: (value: number) => string;
  height: number;
  stacked?: boolean;
}) {
  const totals = rows.map((r) =>
    stacked ? series.reduce((s, x) => s + x.value(r), 0) : Math.max(0, ...series.map((x) => x.value(r))),
  );
  const max = Math.max(1, ...totals);
  const ticks = rows.length > 2 ? [0, Math.floor((rows.length - 1) / 2), rows.length - 1] : rows.map((_, i) => i);
  return (
    <div>
      <div className="flex gap-2">
        <div
          className="flex w-14 shrink-0 flex-col justify-between text-right text-xs text-slate-500"
          style={{ height }}
        >
          <span>{format(max)}</span>
          <span>{format(0)}</span>
        </div>
        <div className="flex min-w-0 flex-1 items-end gap-px border-b border-l border-slate-300" style={{ height }}>
          {rows.map((r, i) => (
            <div
              key={i}
              className={stacked ? "flex h-full flex-1 flex-col-reverse" : "flex h-full flex-1 items-end gap-px"}
              title={`${label(r)}: ${series.map((s) => `${s.name} ${format(s.value(r))}`).join(", ")}`}
            >
              {series.map((s) => (
                <div
                  key={s.name}
                  className={stacked ? "w-full" : "flex-1 rounded-t-sm"}
                  style={{ background: s.color, height: `${(Math.max(0, s.value(r)) / max) * 100}%` }}
                />
              ))}
            </div>
          ))}
        </div>
      </div>
      <div className="ml-16 mt-1 flex justify-between text-xs text-slate-500">
        {ticks.map((i) => (
          <span key={i}>{label(rows[i] as T)}</span>
        ))}
      </div>
      <Legend items={series} />
    </div>
  );
}

/** Horizontal bars, one per row, labelled on the left and valued on the right. */
export function BarList<T>({
  rows,
  label,
  value,
  format,
  color,
}: {
  rows: readonly T[];
  label: (row: T) => string;
  value: (row: T) => number;
  format: (value: number) => string;
  color: string;
}) {
  const max = Math.max(1, ...rows.map(value));
  return (
    <ul className="space-y-2 text-xs text-slate-700">
      {rows.map((r, i) => (
        <li key={i} className="grid grid-cols-[minmax(0,10rem)_1fr_auto] items-center gap-2">
          <span className="truncate" title={label(r)}>
            {label(r)}
          </span>
          <span className="h-4 rounded-r-sm" style={{ background: color, width: `${(value(r) / max) * 100}%` }} />
          <span className="tabular-nums">{format(value(r))}</span>
        </li>
      ))}
    </ul>
  );
}

/** A ring split by share: an SVG circle per slice, drawn with dash offsets (no layout code in the browser). */
export function Donut<T>({
  rows,
  label,
  value,
  format,
  colors,
  size = 180,
}: {
  rows: readonly T[];
  label: (row: T) => string;
  value: (row: T) => number;
  format: (value: number) => string;
  colors: string[];
  size?: number;
}) {
  const total = rows.reduce((s, r) => s + Math.max(0, value(r)), 0) || 1;
  const radius = 15.9155; // circumference 100: dash lengths are percentages
  const shares = rows.map((r) => (Math.max(0, value(r)) / total) * 100);
  // Each slice starts where the ones before it end, from twelve o'clock (offset 25) clockwise.
  const offsets = shares.map((_, i) => (25 - shares.slice(0, i).reduce((s, x) => s + x, 0) + 100) % 100);
  return (
    <svg viewBox="0 0 42 42" className="mx-auto block h-auto w-full" style={{ maxWidth: size }}>
      {rows.map((r, i) => (
        <circle
          key={i}
          cx="21"
          cy="21"
          r={radius}
          fill="none"
          stroke={colors[i % colors.length]}
          strokeWidth="7"
          strokeDasharray={`${shares[i]} ${100 - (shares[i] ?? 0)}`}
          strokeDashoffset={offsets[i]}
        >
          <title>{`${label(r)}: ${format(value(r))}`}</title>
        </circle>
      ))}
    </svg>
  );
}
