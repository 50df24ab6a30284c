import { parse } from "csv-parse/sync";
import { containsCardNumber } from "@/lib/security/card-scan";

/**
 * The gateway's batch CSV (seed 003 "File Batch"), restricted to what the portal may carry: card
 * numbers and CVVs never pass through the portal server, so files with card columns, or with anything that looks like
 * a card number in any cell, are refused (in the browser before upload, and again on the server) without the number
 * being repeated. Vault charges (customer_id), ACH rows and capture/refund by transaction id remain.
 */
export const CARD_COLUMNS = ["cc_number", "cc_cvc", "cc_expiration"] as const;
export const ALLOWED_COLUMNS = new Set([
  "transaction_type",
  "transaction_id",
  "customer_id",
  "ach_account_number",
  "ach_routing_number",
  "ach_account_type",
  "ach_sec_code",
  "amount",
  "shipping_amount",
  "tax_amount",
  "discount_amount",
  "order_id",
  "description",
  "po_number",
  "tax_exempt",
  "email_address",
  "processor_id",
  ...[
    "first_name",
    "last_name",
    "company",
    "address_line_1",
    "address_line_2",
    "city",
    "state",
    "postal_code",
    "country",
    "phone",
    "fax",
    "email",
  ].flatMap((f) => [`billing_${f}`, `shipping_${f}`]),
]);
const TYPES = new Set(["verification", "authorize", "capture", "sale", "credit", "refund"]);
export const MAX_ROWS = 10_000;
export const MAX_BYTES = 5 * 1024 * 1024;

export interface RowProblem {
  /** 1-based data line (the header is line 0). */
  line: number;
  message: string;
}

export interface BatchCheck {
  columns: string[];
  rows: Record<string, string>[];
  /** Problems that make the whole file unacceptable. */
  fileErrors: string[];
  /** Rows the gateway will reject; the file may still be uploaded (the gateway reports them per row). */
  rowProblems: RowProblem[];
}

export function checkBatchCsv(text: string): BatchCheck {
  const out: BatchCheck = { columns: [], rows: [], fileErrors: [], rowProblems: [] };
  if (new TextEncoder().encode(text).length > MAX_BYTES) {
    out.fileErrors.push("The file is larger than 5 MB.");
    return out;
  }
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (err) {
    out.fileErrors.push(`The file is not valid CSV: ${(err as Error).message.split("\n")[0]}`);
    return out;
  }
  const [header, ...data] = records;
  if (!header) {
    out.fileErrors.push("The file is empty.");
    return out;
  }
  const cards = cardNumberCells(records);
  if (cards.length > 0) {
    const where = cards.slice(0, 5).join("; ") + (cards.length > 5 ? ` and ${cards.length - 5} more` : "");
    out.fileErrors.push(
      `The file looks like it holds card numbers (${where}). Card numbers cannot be uploaded through the portal: remove them, and charge saved customers with customer_id.`,
    );
    return out;
  }
  out.columns = header.map((h) => h.toLowerCase());
  const card = out.columns.filter((c) => (CARD_COLUMNS as readonly string[]).includes(c));
  if (card.length > 0) {
    out.fileErrors.push(
      `Card numbers cannot be uploaded through the portal (columns: ${card.join(", ")}). Charge saved customers with customer_id instead.`,
    );
  }
  const unknown = out.columns.filter((c) => !ALLOWED_COLUMNS.has(c) && !card.includes(c));
  if (unknown.length > 0) out.fileErrors.push(`Unknown columns: ${unknown.join(", ")}.`);
  if (!out.columns.includes("transaction_type")) out.fileErrors.push("The transaction_type column is required.");
  if (data.length === 0) out.fileErrors.push("The file has no rows.");
  if (data.length > MAX_ROWS) out.fileErrors.push(`The file has more than ${MAX_ROWS} rows.`);
  if (out.fileErrors.length > 0) return out;
  out.rows = data.map((r) => Object.fromEntries(out.columns.map((c, i) => [c, r[i] ?? ""])));
  out.rows.forEach((row, i) => {
    const problem = rowProblem(row);
    if (problem) out.rowProblems.push({ line: i + 1, message: problem });
  });
  return out;
}

/** Where card-number-like values sit ("row 2, column description"), never the values themselves. */
function cardNumberCells(records: string[][]): string[] {
  const header = records[0] ?? [];
  const out: string[] = [];
  records.forEach((record, r) => {
    record.forEach((cell, c) => {
      if (!containsCardNumber(cell)) return;
      const column = r === 0 ? `header column ${c + 1}` : `column ${header[c]?.toLowerCase() || c + 1}`;
      out.push(r === 0 ? `the ${column}` : `row ${r}, ${column}`);
    });
  });
  return out;
}

function rowProblem(row: Record<string, string>): string | null {
  const type = row.transaction_type?.toLowerCase() ?? "";
  if (!TYPES.has(type)) return `transaction_type must be one of ${[...TYPES].join(", ")}`;
  const needsAmount = type !== "capture" && type !== "refund";
  if ((needsAmount || row.amount) && !/^\d{1,9}$/.test(row.amount ?? ""))
    return "amount must be whole cents, e.g. 1250";
  if ((type === "capture" || type === "refund") && !row.transaction_id) return `${type} needs transaction_id`;
  if (needsAmount && !row.customer_id && !row.ach_account_number) return "needs customer_id or ACH account details";
  for (const f of ["order_id", "po_number"] as const) {
    if (row[f] && !/^[A-Za-z0-9]{1,15}$/.test(row[f] as string)) return `${f} must be up to 15 letters or digits`;
  }
  return null;
}
