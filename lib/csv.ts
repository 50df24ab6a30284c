import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { log } from "@/lib/log";

/**
 * The one CSV writer: every CSV the portal produces (exports, the file-batch result file) is written here, so every
 * cell is neutralised the same way. Responses take rows, never ready-made CSV text.
 */

export type Cell = string | number | null | undefined;

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
export function toCsv(header: string[], rows: Cell[][]): string {
  return stringify([header.map(csvCell), ...rows.map((r) => r.map(csvCell))]);
}

function csvHeaders(filename: string): HeadersInit {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    "cache-control": "no-store",
  };
}

export function csvResponse(filename: string, header: string[], rows: Cell[][]): Response {
  return new Response(toCsv(header, rows), { headers: csvHeaders(filename) });
}

/**
 * CSV a provider produced (the gateway's file-batch result), read into rows so it is written out again through
 * toCsv: cells it echoes from the merchant's own file are neutralised like any export.
 */
export function readProviderCsv(text: string): { header: string[]; rows: string[][] } {
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  const [header = [], ...rows] = records;
  return { header, rows };
}

/**
 * A CSV download streamed chunk by chunk from a keyset-paged query: memory stays flat however many rows match, and
 * a client that goes away stops the query (the generator is returned). Each chunk is rendered with the header; only
 * the first keeps it. A failure mid-stream is logged and aborts the download.
 */
export function streamedCsvResponse<T>(
  filename: string,
  header: string[],
  chunks: AsyncGenerator<T[]>,
  cells: (row: T) => Cell[],
): Response {
  const encoder = new TextEncoder();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          if (first) controller.enqueue(encoder.encode(toCsv(header, [])));
          controller.close();
          return;
        }
        const csv = toCsv(header, next.value.map(cells));
        controller.enqueue(encoder.encode(first ? csv : csv.slice(csv.indexOf("\n") + 1)));
        first = false;
      } catch (err) {
        log().error({ err, filename }, "CSV export failed");
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(stream, { headers: csvHeaders(filename) });
}
