import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { RangePicker } from "@/components/dashboard/range-picker";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { periodFromSearch } from "@/lib/dashboard/range";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import type { Deposit } from "@/lib/gateway/cardpointe/transform-settlement";
import { userMessage } from "@/lib/gateway/errors";
import { log } from "@/lib/log";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { formatMoney } from "@/lib/money";

export default async function FundingPage(props: MerchantPageProps) {
  const { ctx, query } = await merchantPage(props);
  const base = `/m/${ctx.merchant.id}`;
  if (ctx.merchant.gateway !== "cardpointe") {
    return (
      <section>
        <h1 className="text-2xl font-semibold">Funding</h1>
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-slate-600">
          <p className="font-medium text-slate-800">Funding reports come from CardPointe&apos;s funding API.</p>
          <p className="mt-1 text-sm">
            This merchant runs on the gateway family: each batch&apos;s net deposit is on{" "}
            <Link href={`${base}/settlements`} className="text-brand-700 underline">
              Settlements
            </Link>
            .
          </p>
        </div>
      </section>
    );
  }
  const period = periodFromSearch(query);
  let deposits: Deposit[] = [];
  let error: string | null = null;
  try {
    const gateway = await gatewayForMerchant(ctx.merchant.id);
    if (isCardPointeAdapter(gateway)) deposits = await gateway.funding({ from: period.from, to: period.to });
  } catch (err) {
    log().warn({ err, merchantId: ctx.merchant.id }, "funding report failed");
    error = userMessage(err);
  }
  const totals = deposits.reduce(
    (t, d) => ({
      net: t.net + d.netSales,
      fees: t.fees + d.interchangeFees + d.serviceCharges + d.otherFees,
      funded: t.funded + d.totalFunding,
    }),
    { net: 0, fees: 0, funded: 0 },
  );
  return (
    <section className="space-y-4">
      <PageHeader
        className="mb-0"
        title="Funding"
        description={`Deposits to the merchant's bank account, ${period.from} – ${period.to}, with fees and adjustments`}
        actions={<RangePicker base={`${base}/funding`} period={period} />}
      />
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {!error && deposits.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No deposits in this period. Deposits appear the day after a batch settles.
        </p>
      )}
      {deposits.length > 0 && (
        <>
          <dl className="grid grid-cols-3 gap-3">
            {[
              ["Net sales", totals.net],
              ["Fees", totals.fees],
              ["Deposited", totals.funded],
            ].map(([k, v]) => (
              <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
                <dt className="text-xs text-slate-500">{k}</dt>
                <dd className="text-lg font-semibold tabular-nums">{formatMoney(v as number)}</dd>
              </div>
            ))}
          </dl>
          <ul className="space-y-3">
            {deposits.map((d) => (
              <li key={d.id} className="rounded-lg border border-slate-200 bg-white">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                    <span className="font-medium">{d.fundingDate ?? "—"}</span>
                    <span className="text-slate-600">
                      net {formatMoney(d.netSales)} · fees{" "}
                      {formatMoney(d.interchangeFees + d.serviceCharges + d.otherFees)} · adjustments{" "}
                      {formatMoney(d.adjustmentsTotal)}
                    </span>
                    <span className="font-semibold tabular-nums">{formatMoney(d.totalFunding)}</span>
                  </summary>
                  <div className="space-y-3 border-t border-slate-100 px-4 py-3 text-sm">
                    <p className="text-slate-600">
                      To account {d.bankAccount ?? "on file"} · batches:{" "}
                      {d.batchIds.length === 0
                        ? "—"
                        : d.batchIds.map((b, i) => (
                            <span key={b}>
                              {i > 0 && ", "}
                              <Link
                                href={`${base}/settlements/${encodeURIComponent(b)}`}
                                className="font-mono text-brand-700 underline"
                              >
                                {b}
                              </Link>
                            </span>
                          ))}
                    </p>
                    <table className="w-full text-left text-xs">
                      <thead className="text-slate-500">
                        <tr>
                          <th className="py-1">Transaction</th>
                          <th className="py-1">Type</th>
                          <th className="py-1">Card</th>
                          <th className="py-1 text-right">Amount</th>
                          <th className="py-1 text-right">Interchange</th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.lines.map((l) => (
                          <tr key={l.transactionId} className="border-t border-slate-100">
                            <td className="py-1">
                              <Link
                                href={`${base}/transactions/${l.transactionId}`}
                                className="font-mono text-brand-700 underline"
                              >
                                {l.transactionId}
                              </Link>
                            </td>
                            <td className="py-1 capitalize">{l.type}</td>
                            <td className="py-1 font-mono">{l.maskedNumber ?? "—"}</td>
                            <td className="py-1 text-right tabular-nums">{formatMoney(l.amount)}</td>
                            <td className="py-1 text-right tabular-nums">{formatMoney(l.interchangeFee)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {d.adjustments.length > 0 && (
                      <ul className="text-xs text-slate-600">
                        {d.adjustments.map((a, i) => (
                          <li key={a.id ?? i}>
                            {a.description ?? a.category ?? "Adjustment"}: {formatMoney(a.amount)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
