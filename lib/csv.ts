import { stringify } from "csv-stringify/sync";

/** A cell a spreadsheet would run as a formula: = + - @ first (also after leading blanks), or a tab/CR first. */
const FORMULA = /^(?:[\t\r]|\s*[=+\-@])/;
/** Plain numbers ("-12.50", "1e3" is not one) are data, never formulas: exported amounts keep their sign. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The cell as exported: formula-like text is prefixed with ' so spreadsheets show it as text (CSV injection). */
export function csvCell(cell: string | number | null | undefined): string {
  if (cell === null || cell === undefined) return "";
  const s = String(cell);
  return FORMULA.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/**
 * CSV for exports. Cells that would start a formula (= + - @, tab, CR) are prefixed with ' so spreadsheets
 * do not run them (OWASP CSV injection); plain numbers, negative amounts included, are left as they are.
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return stringify([header.map(csvCell), ...rows.map((r) => r.map(csvCell))]);
}

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
