import { stringify } from "csv-stringify/sync";

/**
 * CSV for exports. Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them
 * as formulas (CSV injection).
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const safe = rows.map((r) =>
    r.map((cell) => {
      if (cell === null || cell === undefined) return "";
      const s = String(cell);
      return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    }),
  );
  return stringify([header, ...safe]);
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
