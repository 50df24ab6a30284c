import {
  MonthPicker,
  StatementDownloads,
  StatementSummary,
  StatementTable,
} from "@/components/statements/statement-view";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { type MerchantPageProps, requireMerchantPage } from "@/lib/auth/page";
import { formatDay } from "@/lib/dates";
import { loadMerchantStatement, monthLabel } from "@/lib/services/statements/render";
import { statementMonth } from "@/lib/validations/statements";

export const metadata = { title: "Statements" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The monthly statement: sales volume, refunds, chargebacks, surcharges, fees and deposits by day, as CSV and PDF. */
export default async function StatementsPage({ params, searchParams }: MerchantPageProps) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "reports:export");
  const id = ctx.merchant.id;
  const raw = one((await searchParams).month);
  const parsed = raw ? statementMonth.safeParse(raw) : null;
  const month = parsed?.success ? parsed.data : new Date().toISOString().slice(0, 7);
  const s = await loadMerchantStatement(id, month);
  const base = `/m/${id}/statements`;
  const q = `?month=${month}`;
  return (
    <div className="mx-auto max-w-7xl space-y-5">
      <PageHeader
        title={`Statement — ${monthLabel(month)}`}
        description={`${ctx.merchant.name}: what was sold, given back and deposited in the month, day by day.`}
        actions={<StatementDownloads csv={`/api/m/${id}/statement.csv${q}`} pdf={`/api/m/${id}/statement.pdf${q}`} />}
      />
      <MonthPicker base={base} month={month} />
      {parsed && !parsed.success ? (
        <Alert tone="error">{parsed.error.issues[0]?.message} Showing this month instead.</Alert>
      ) : null}
      <StatementSummary totals={s.totals} currency={s.currency} />
      <StatementTable
        caption={`Statement of ${monthLabel(month)} by day`}
        first="Day"
        rows={s.days.map((d) => ({ key: d.day, label: formatDay(d.day), figures: d }))}
        totals={s.totals}
        currency={s.currency}
      />
    </div>
  );
}
