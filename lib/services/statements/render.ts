import {
  merchantStatement,
  type MerchantStatement,
  partnerStatement,
  type PartnerStatement,
  type StatementFigures,
} from "@/db/queries/statements";
import { type Cell, csvResponse } from "@/lib/csv";
import { centsToDecimalString, formatMoney } from "@/lib/money";
import { pdfResponse, renderTablePdf } from "@/lib/pdf/document";
import { fieldError } from "@/lib/errors";
import { statementMonth } from "@/lib/validations/statements";

/**
 * Monthly statements in their three forms — the page, CSV and PDF — from one list of columns, so the three always
 * show the same figures (integer cents from db/queries/statements.ts, formatted by lib/money).
 */

export interface FigureColumn {
  key: keyof StatementFigures;
  label: string;
  csv: string;
  money: boolean;
}

export const FIGURE_COLUMNS: FigureColumn[] = [
  { key: "salesCount", label: "Sales", csv: "sales_count", money: false },
  { key: "volume", label: "Sales volume", csv: "sales_volume", money: true },
  { key: "refundCount", label: "Refunds", csv: "refund_count", money: false },
  { key: "refunds", label: "Refunded", csv: "refunded", money: true },
  { key: "chargebackCount", label: "Chargebacks", csv: "chargeback_count", money: false },
  { key: "chargebacks", label: "Charged back", csv: "charged_back", money: true },
  { key: "surcharges", label: "Surcharges collected", csv: "surcharges_collected", money: true },
  { key: "fees", label: "Fees withheld", csv: "fees_withheld", money: true },
  { key: "depositCount", label: "Deposits", csv: "deposit_count", money: false },
  { key: "deposits", label: "Deposited", csv: "deposited", money: true },
];

export const STATEMENT_NOTE =
  "Sales volume: approved sales and captures; refunds and chargebacks by the day they were made; deposits are settled batches' net deposit, and fees withheld are what a batch's deposit fell short of its captures less credits. Days are UTC.";

/** A figure as shown on the page and in the PDF ($1,234.56 or a count). */
export function displayFigure(c: FigureColumn, f: StatementFigures, currency: string): string {
  return c.money ? formatMoney(f[c.key], currency) : String(f[c.key]);
}

/** A figure as exported (1234.56 or a count). */
export function csvFigure(c: FigureColumn, f: StatementFigures, currency: string): Cell {
  return c.money ? centsToDecimalString(f[c.key], currency) : f[c.key];
}

/** The month's name ("November 2026") of `YYYY-MM`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

export async function loadMerchantStatement(merchantId: string, month: string): Promise<MerchantStatement> {
  return merchantStatement({ merchantId, month });
}

export async function loadPartnerStatement(
  scope: { partnerId: string; agentUserId?: string },
  month: string,
): Promise<PartnerStatement> {
  return partnerStatement({ ...scope, month });
}

/** Rows keyed by a first column (a day, or a merchant), then every figure; the totals row last. */
function table(
  first: string,
  rows: { key: string; f: StatementFigures }[],
  { totals, currency }: { totals: StatementFigures; currency: string },
) {
  return {
    header: [first, ...FIGURE_COLUMNS.map((c) => c.label)],
    csvHeader: [first.toLowerCase(), ...FIGURE_COLUMNS.map((c) => c.csv)],
    csvRows: [
      ...rows.map((r) => [r.key, ...FIGURE_COLUMNS.map((c) => csvFigure(c, r.f, currency))]),
      ["TOTAL", ...FIGURE_COLUMNS.map((c) => csvFigure(c, totals, currency))],
    ],
    pdfRows: rows.map((r) => [r.key, ...FIGURE_COLUMNS.map((c) => displayFigure(c, r.f, currency))]),
    pdfTotals: ["Total", ...FIGURE_COLUMNS.map((c) => displayFigure(c, totals, currency))],
  };
}

const merchantTable = (s: MerchantStatement) =>
  table(
    "Day",
    s.days.map((d) => ({ key: d.day, f: d })),
    s,
  );

const partnerTable = (s: PartnerStatement) =>
  table(
    "Merchant",
    s.merchants.map((m) => ({ key: m.name, f: m })),
    s,
  );

export function merchantStatementCsv(name: string, s: MerchantStatement): Response {
  const t = merchantTable(s);
  return csvResponse(`statement-${slug(name)}-${s.month}.csv`, t.csvHeader, t.csvRows);
}

export function partnerStatementCsv(s: PartnerStatement): Response {
  const t = partnerTable(s);
  return csvResponse(`portfolio-statement-${s.month}.csv`, t.csvHeader, t.csvRows);
}

const summary = (f: StatementFigures, currency: string): [string, string][] =>
  (["volume", "refunds", "chargebacks", "fees", "deposits", "surcharges"] as const).map((k) => {
    const c = FIGURE_COLUMNS.find((x) => x.key === k)!;
    return [c.label, displayFigure(c, f, currency)];
  });

/** The statement PDF: its heading, the summary, then the table (first column: `column`) with its totals row. */
async function statementPdf(
  file: string,
  head: { title: string; subtitle: string; meta: [string, string]; column: { header: string; width: number } },
  s: { totals: StatementFigures; currency: string },
  t: ReturnType<typeof table>,
  generatedAt: Date,
): Promise<Response> {
  const bytes = await renderTablePdf({
    title: head.title,
    subtitle: head.subtitle,
    meta: [
      head.meta,
      ["Currency", s.currency],
      ["Generated", generatedAt.toISOString().replace("T", " ").slice(0, 16) + " UTC"],
    ],
    summary: summary(s.totals, s.currency),
    columns: [head.column, ...FIGURE_COLUMNS.map((c) => ({ header: c.label, numeric: true }))],
    rows: t.pdfRows,
    totals: t.pdfTotals,
    footnote: STATEMENT_NOTE,
  });
  return pdfResponse(file, bytes);
}

export function merchantStatementPdf(name: string, s: MerchantStatement, generatedAt: Date): Promise<Response> {
  return statementPdf(
    `statement-${slug(name)}-${s.month}.pdf`,
    {
      title: `Statement — ${monthLabel(s.month)}`,
      subtitle: name,
      meta: ["Period", `${s.month}-01 to the end of the month (UTC)`],
      column: { header: "Day", width: 1.3 },
    },
    s,
    merchantTable(s),
    generatedAt,
  );
}

export function partnerStatementPdf(partnerName: string, s: PartnerStatement, generatedAt: Date): Promise<Response> {
  return statementPdf(
    `portfolio-statement-${s.month}.pdf`,
    {
      title: `Portfolio statement — ${monthLabel(s.month)}`,
      subtitle: partnerName,
      meta: ["Merchants", String(s.merchants.length)],
      column: { header: "Merchant", width: 2 },
    },
    s,
    partnerTable(s),
    generatedAt,
  );
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "merchant"
  );
}

/** The statement month of a request's `?month=` (this month, UTC, when absent); a bad one is a 400 field error. */
export function monthFromQuery(raw: string | null | undefined, now = new Date()): string {
  if (raw === null || raw === undefined || raw === "") return now.toISOString().slice(0, 7);
  const r = statementMonth.safeParse(raw);
  if (!r.success) throw fieldError("month", r.error.issues[0]?.message ?? "Choose a month like 2026-11.");
  return r.data;
}
