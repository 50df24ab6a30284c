import Link from "next/link";
import { formatDateTime } from "./format";
import { cn } from "@/components/ui/cn";

export interface TimelineEvent {
  at: Date;
  title: string;
  detail?: string | null;
  href?: string;
  tone?: "good" | "bad" | "neutral" | "info";
}

const DOT: Record<NonNullable<TimelineEvent["tone"]>, string> = {
  good: "bg-emerald-500",
  bad: "bg-red-500",
  neutral: "bg-slate-400",
  info: "bg-brand-500",
};

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No events recorded yet.</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" aria-label="Timeline">
      {events.map((e, i) => (
        <li key={`${e.at.getTime()}-${i}`} className="relative">
          <span
            aria-hidden
            className={cn(
              "absolute top-1.5 -left-[26px] h-2.5 w-2.5 rounded-full ring-4 ring-white",
              DOT[e.tone ?? "neutral"],
            )}
          />
          <p className="text-sm font-medium text-slate-900">
            {e.href ? (
              <Link href={e.href} className="text-brand-700 hover:underline">
                {e.title}
              </Link>
            ) : (
              e.title
            )}
          </p>
          {e.detail && <p className="text-sm text-slate-600">{e.detail}</p>}
          <p className="text-xs text-slate-500">{formatDateTime(e.at)}</p>
        </li>
      ))}
    </ol>
  );
}
