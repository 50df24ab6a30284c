import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/money";
import type { ChargeOutcome } from "@/lib/services/transactions/charge";
import { cn } from "@/components/ui/cn";

function Verification({
  label,
  v,
}: {
  label: string;
  v: { code: string; description: string; matched: boolean | null } | null;
}) {
  if (!v || !v.code) return null;
  const tone = v.matched === false ? "text-red-800" : v.matched ? "text-emerald-800" : "text-slate-700";
  return (
    <div className="flex justify-between gap-4">
      <dt className="text-slate-600">{label}</dt>
      <dd className={cn("text-right", tone)}>
        {v.description} <span className="font-mono text-xs text-slate-500">({v.code})</span>
      </dd>
    </div>
  );
}

const TYPE_DONE: Record<string, string> = {
  sale: "Payment approved",
  authorize: "Authorization approved",
  verification: "Card verified",
  credit: "Credit approved",
};

/** The outcome of a charge: approved with the auth code and a link, or declined with the reason in words. */
export function ResultPanel({
  result,
  transactionHref,
  customerHref,
  onNew,
  onRetry,
}: {
  result: ChargeOutcome;
  transactionHref: (id: string) => string;
  customerHref?: (id: string) => string;
  onNew: () => void;
  onRetry: () => void;
}) {
  if (result.outcome === "declined") {
    const t = result.transaction;
    return (
      <section
        role="alert"
        aria-labelledby="result-title"
        className="rounded-lg border border-red-200 bg-red-50 p-5"
        data-outcome="declined"
      >
        <h2 id="result-title" className="text-lg font-semibold text-red-900">
          Declined
        </h2>
        <p className="mt-1 text-sm text-red-900">{result.message}</p>
        {t ? (
          <dl className="mt-4 space-y-1.5 border-t border-red-200 pt-3 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">Reason</dt>
              <dd className="font-medium text-red-900">{result.reason}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">Payment method</dt>
              <dd>{t.method}</dd>
            </div>
            <Verification label="Address check (AVS)" v={t.avs} />
            <Verification label="Security code (CVV)" v={t.cvv} />
          </dl>
        ) : null}
        <div className="mt-4 flex flex-wrap gap-2">
          <Button onClick={onRetry}>Try another payment method</Button>
          {t ? (
            <Link
              href={transactionHref(t.id)}
              className="px-2 py-2 text-sm text-red-900 underline-offset-2 hover:underline"
            >
              View declined transaction
            </Link>
          ) : null}
        </div>
      </section>
    );
  }
  const t = result.transaction;
  const pending = result.outcome === "pending";
  return (
    <section
      role="status"
      aria-labelledby="result-title"
      className={cn(
        "rounded-lg border p-5",
        pending ? "border-amber-200 bg-amber-50" : "border-emerald-200 bg-emerald-50",
      )}
      data-outcome={result.outcome}
    >
      <h2 id="result-title" className={cn("text-lg font-semibold", pending ? "text-amber-900" : "text-emerald-900")}>
        {pending ? "Waiting for the terminal" : (TYPE_DONE[t.type] ?? "Approved")}
      </h2>
      <p className={cn("mt-1 text-3xl font-semibold tabular-nums", pending ? "text-amber-950" : "text-emerald-950")}>
        {formatMoney(t.amount, t.currency)}
      </p>
      <dl className="mt-4 space-y-1.5 border-t border-emerald-200/70 pt-3 text-sm">
        {t.authCode ? (
          <div className="flex justify-between gap-4">
            <dt className="text-slate-600">Authorization code</dt>
            <dd className="font-mono font-medium">{t.authCode}</dd>
          </div>
        ) : null}
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">Payment method</dt>
          <dd>{t.method}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">Transaction</dt>
          <dd className="font-mono text-xs">{t.id}</dd>
        </div>
        {t.customerId && customerHref ? (
          <div className="flex justify-between gap-4">
            <dt className="text-slate-600">Vault customer</dt>
            <dd>
              <Link href={customerHref(t.customerId)} className="text-brand-700 hover:underline">
                {t.customerId}
              </Link>
            </dd>
          </div>
        ) : null}
        <Verification label="Address check (AVS)" v={t.avs} />
        <Verification label="Security code (CVV)" v={t.cvv} />
      </dl>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Link
          href={transactionHref(t.id)}
          className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          View transaction
        </Link>
        <Button onClick={onNew}>New charge</Button>
      </div>
    </section>
  );
}
