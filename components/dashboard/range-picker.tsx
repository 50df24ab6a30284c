import Link from "next/link";
import { PRESETS, type Period } from "@/lib/dashboard/range";
import { cn } from "@/components/ui/cn";
import { CompactInput } from "@/components/ui/field";

/** Period choice in the URL (shareable, works without JavaScript). */
export function RangePicker({ base, period }: { base: string; period: Period }) {
  return (
    <div className="flex flex-wrap items-end gap-2">
      <nav aria-label="Period" className="flex overflow-hidden rounded-md border border-slate-300 bg-white text-sm">
        {PRESETS.map((n) => (
          <Link
            key={n}
            href={`${base}?range=${n}`}
            aria-current={period.preset === n ? "page" : undefined}
            className={cn("px-3 py-1.5", period.preset === n ? "bg-brand-600 text-white" : "hover:bg-slate-50")}
          >
            {n} days
          </Link>
        ))}
      </nav>
      <form action={base} className="flex items-end gap-1 text-sm">
        <input type="hidden" name="range" value="custom" />
        <CompactInput label="From" type="date" name="from" defaultValue={period.from} />
        <CompactInput label="To" type="date" name="to" defaultValue={period.to} />
        <button className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">Apply</button>
      </form>
    </div>
  );
}
