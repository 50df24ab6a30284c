import Link from "next/link";
import { notFound } from "next/navigation";
import {
  MonthPicker,
  StatementDownloads,
  StatementSummary,
  StatementTable,
} from "@/components/statements/statement-view";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requirePartnerPage } from "@/lib/auth/page";
import { currentPartnerId } from "@/lib/services/partners/current";
import { loadPartnerStatement, monthLabel } from "@/lib/services/statements/render";
import { statementMonth } from "@/lib/validations/statements";

export const dynamic = "force-dynamic";
export const metadata = { title: "Portfolio statements" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The portfolio's monthly statement: each merchant's figures (agents: their assigned merchants) and the sum. */
export default async function PartnerStatementsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const partnerId = await currentPartnerId().catch(() => notFound());
  const ctx = await requirePartnerPage(partnerId, "partner:export");
  const raw = one((await searchParams).month);
  const parsed = raw ? statementMonth.safeParse(raw) : null;
  const month = parsed?.success ? parsed.data : new Date().toISOString().slice(0, 7);
  const s = await loadPartnerStatement({ partnerId: ctx.partnerId, agentUserId: ctx.agentUserId }, month);
  const q = `?month=${month}`;
  return (
    <div className="mx-auto max-w-7xl space-y-5">
      <PageHeader
        title={`Portfolio statement — ${monthLabel(month)}`}
        description="Every merchant's month — sales, refunds, chargebacks, fees and deposits — and the portfolio's total."
        actions={
          <StatementDownloads
            csv={`/api/partner/${ctx.partnerId}/statement.csv${q}`}
            pdf={`/api/partner/${ctx.partnerId}/statement.pdf${q}`}
          />
        }
      />
      <MonthPicker base="/partner/statements" month={month} />
      {parsed && !parsed.success ? (
        <Alert tone="error">{parsed.error.issues[0]?.message} Showing this month instead.</Alert>
      ) : null}
      <StatementSummary totals={s.totals} currency={s.currency} />
      <StatementTable
        caption={`Portfolio statement of ${monthLabel(month)} by merchant`}
        first="Merchant"
        rows={s.merchants.map((m) => ({
          key: m.merchantId,
          label: (
            <Link href={`/m/${m.merchantId}/statements${q}`} className="text-brand-700 hover:underline">
              {m.name}
            </Link>
          ),
          figures: m,
        }))}
        totals={s.totals}
        currency={s.currency}
      />
    </div>
  );
}
