import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { GatewayError, badRequest, json, ok } from "../core/envelope";
import { newId } from "../core/ids";
import { q } from "../core/schema";
import type { Route } from "../core/types";
import { maskAccount, maskCard } from "../transactions/cards";
import { isRunning, sealRows, startFileBatch, unsealRows, type Row, type RowResult } from "./run";
import { TXN_ADDRESS_FIELDS } from "../core/fields";

export const FILE_COLUMNS = [
  "transaction_type",
  "transaction_id",
  "cc_number",
  "cc_expiration",
  "cc_cvc",
  "ach_account_number",
  "ach_routing_number",
  "ach_account_type",
  "ach_sec_code",
  "customer_id",
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
  ...["billing", "shipping"].flatMap((p) => TXN_ADDRESS_FIELDS.map((f) => `${p}_${f}`)),
];
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_LINES = 10_000;
const RETENTION_MS = 10 * 24 * 3600 * 1000;

interface BatchRow {
  id: string;
  status: string;
  num_lines: number;
  processed_lines: number;
  columns: string[];
  input_sealed: string;
  results: RowResult[];
  created_at: Date;
}

async function load(accountId: string, id: string): Promise<BatchRow> {
  const r = await q<BatchRow>(
    `select id, status, num_lines, processed_lines, columns, input_sealed, results, created_at
     from sandbox_gateway.filebatches where account_id = $1 and id = $2`,
    [accountId, id],
  );
  const b = r.rows[0];
  if (!b) throw new GatewayError(404, "file batch not found");
  return b;
}

export const fileBatchRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/filebatch",
    auth: "private",
    async handle({ req, account, now }) {
      if (!(req.headers.get("content-type") ?? "").includes("multipart/form-data"))
        throw badRequest("file is required (multipart/form-data)");
      let form: FormData;
      try {
        form = await req.formData();
      } catch {
        throw badRequest("invalid multipart body");
      }
      const file = form.get("file") ?? [...form.values()].find((v) => typeof v !== "string");
      if (!file || typeof file === "string") throw badRequest("file is required");
      if (file.size > MAX_BYTES) throw badRequest("file is too large (max 5 MB)");
      let records: Row[];
      try {
        records = parse(await file.text(), {
          columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
          skip_empty_lines: true,
          trim: true,
          relax_column_count: true,
        }) as Row[];
      } catch {
        throw badRequest("invalid file: not a CSV in the documented format");
      }
      if (records.length === 0) throw badRequest("invalid file: no records");
      if (records.length > MAX_LINES) throw badRequest(`invalid file: at most ${MAX_LINES} records`);
      const columns = Object.keys(records[0] as Row);
      const unknown = columns.filter((c) => !FILE_COLUMNS.includes(c));
      if (unknown.length) throw badRequest(`invalid file: unknown column ${unknown[0]}`);
      if (!columns.includes("transaction_type")) throw badRequest("invalid file: transaction_type column is required");
      const id = newId();
      await q(
        `insert into sandbox_gateway.filebatches (id, account_id, status, num_lines, columns, input_sealed, created_at)
         values ($1,$2,'pending',$3,$4,$5,$6)`,
        [id, account.id, records.length, JSON.stringify(columns), sealRows(records), now],
      );
      startFileBatch(account.id, id);
      return ok({ id, status: "pending", num_lines: records.length, processed_lines: 0 });
    },
  },
  {
    method: "GET",
    path: "/api/filebatch/:id",
    auth: "private",
    async handle({ account, params }) {
      const b = await load(account.id, params.id ?? "");
      if (b.status === "pending" && !isRunning(b.id)) startFileBatch(account.id, b.id, 0);
      // Seed 003 L1270–1300: the example reads `result.status === "success"` and `result.msg`, i.e. the usual
      // `{status, msg, data}` envelope (services.md's "bare object" came from an SDK; the seed wins).
      return json(200, {
        status: "success",
        msg: "success",
        data: {
          id: b.id,
          status: b.status,
          num_lines: b.num_lines,
          processed_lines: b.processed_lines,
          created_at: b.created_at.toISOString(),
        },
      });
    },
  },
  {
    method: "GET",
    path: "/api/filebatch/:id/download",
    auth: "private",
    async handle({ account, params, now }) {
      const b = await load(account.id, params.id ?? "");
      if (now.getTime() - b.created_at.getTime() > RETENTION_MS)
        throw new GatewayError(404, "file batch results are no longer available (kept 10 days)");
      if (b.status !== "completed") throw badRequest("file batch is still processing");
      const rows = unsealRows(b.input_sealed);
      const echo = b.columns.filter((c) => c !== "cc_cvc");
      const header = ["line", ...echo, "result_transaction_id", "result_status", "result_response_code", "result_msg"];
      const lines = rows.map((row, i) => {
        const r = b.results.find((x) => x.line === i + 1);
        const masked = echo.map((c) => {
          const v = row[c] ?? "";
          if (c === "cc_number" && v) return /^\d{12,19}$/.test(v) ? maskCard(v) : "****";
          if (c === "ach_account_number" && v) return maskAccount(v);
          return v;
        });
        return [
          String(i + 1),
          ...masked,
          r?.transaction_id ?? "",
          r?.status ?? "",
          String(r?.response_code ?? ""),
          r?.msg ?? "",
        ];
      });
      const csv = stringify([header, ...lines], { quoted: true, record_delimiter: "\n" });
      return new Response(csv, {
        status: 200,
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="filebatch-${b.id}.csv"`,
        },
      });
    },
  },
];
