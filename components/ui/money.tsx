import { formatMoney } from "@/lib/money";
import { cn } from "./cn";

/** An amount in minor units, formatted by the money module, in tabular figures so columns line up. */
export function Money({
  cents,
  currency = "USD",
  className,
}: {
  cents: number | null | undefined;
  currency?: string | null;
  className?: string;
}) {
  if (cents === null || cents === undefined) return <span className={className}>—</span>;
  return <span className={cn("tabular-nums", className)}>{formatMoney(cents, currency ?? "USD")}</span>;
}
