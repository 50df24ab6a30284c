import Link from "next/link";

/** Deposits | Exceptions, under the Reconciliation section. */
export function ReconTabs({ base, current, open }: { base: string; current: "deposits" | "exceptions"; open: number }) {
  const tab = (active: boolean) =>
    active
      ? "border-b-2 border-brand-600 px-3 py-2 font-medium text-slate-900"
      : "border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-slate-900";
  return (
    <nav aria-label="Reconciliation" className="mb-4 flex gap-2 border-b border-slate-200 text-sm">
      <Link
        href={base}
        className={tab(current === "deposits")}
        aria-current={current === "deposits" ? "page" : undefined}
      >
        Deposits
      </Link>
      <Link
        href={`${base}/exceptions`}
        className={tab(current === "exceptions")}
        aria-current={current === "exceptions" ? "page" : undefined}
      >
        Exceptions{open > 0 ? ` (${open})` : ""}
      </Link>
    </nav>
  );
}
