import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { authorize } from "@/lib/auth/guard";
import { runAsSession } from "@/lib/auth/session";
import { refreshFileBatch, uploadFileBatch } from "@/lib/services/file-batches/upload";
import { checkBatchCsv } from "@/lib/validations/file-batches";
import { makeWorld } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Findings 8 and 9 of the security review, on the file-batch path.
 * 8: the result file the gateway returns was passed to the browser raw, so a cell it echoes from the merchant's own
 *    file (a description such as `=HYPERLINK(...)`) ran as a formula in a spreadsheet. Every CSV the portal produces
 *    goes through the one writer (lib/csv.ts), which neutralises a leading = + - @ tab or CR.
 * 9: card numbers were detected by column name only; every cell is scanned now, and the file is refused without the
 *    number being repeated anywhere.
 */

type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const w = openForFile(makeWorld);

const admin = () =>
  runAsSession(w.t.adminA.claims, () => authorize(undefined, { merchantId: w.t.merchantA }, "filebatches:upload"));

async function waitCompleted(id: string) {
  for (let i = 0; i < 100; i++) {
    const b = await refreshFileBatch(w.t.merchantA, id);
    if (b.status === "completed") return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("batch did not complete");
}

describe("file-batch result.csv (finding 8)", () => {
  it("neutralises formula cells the gateway echoes back from the uploaded file", async () => {
    const { GET } = await import("@/app/api/m/[merchantId]/file-batches/[batchId]/result.csv/route");
    const formulas = ['=HYPERLINK("http://evil.test","x")', "+1+1", "@SUM(A1)", "-2+3"];
    const csv = [
      "transaction_type,amount,customer_id,description",
      ...formulas.map((f) => `sale,100,${"c".repeat(20)},"${f.replace(/"/g, '""')}"`),
    ].join("\n");
    const batch = await uploadFileBatch(await admin(), "formulas.csv", csv);
    await waitCompleted(batch.id);
    const res = await runAsSession(w.t.adminA.claims, () =>
      (GET as RouteHandler)(
        new Request(`http://localhost/api/m/${w.t.merchantA}/file-batches/${batch.id}/result.csv`),
        {
          params: Promise.resolve({ merchantId: w.t.merchantA, batchId: batch.id }),
        },
      ),
    );
    expect(res.status).toBe(200);
    const rows = parse(await res.text()) as string[][];
    const header = rows[0] as string[];
    const col = header.indexOf("description");
    expect(col).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((r) => r[col])).toEqual(formulas.map((f) => `'${f}`));
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^(?:[\t\r]|\s*[=+@]|-(?!\d+(\.\d+)?$))/);
  });
});

describe("card numbers in any cell (finding 9)", () => {
  const PANS = [
    "4111111111111111",
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "378282246310005",
    "3782 822463 10005",
    "6011111111111117",
    "5555555555554444",
  ];
  for (const pan of PANS) {
    it(`refuses a file with ${pan.slice(0, 4)}… in a description, and never repeats the number`, async () => {
      const csv = ["transaction_type,amount,customer_id,description", `sale,100,${"c".repeat(20)},card ${pan} ok`].join(
        "\n",
      );
      const check = checkBatchCsv(csv);
      expect(check.fileErrors.length).toBeGreaterThan(0);
      const digits = pan.replace(/\D/g, "");
      const said = JSON.stringify(check);
      expect(said).toMatch(/card number/i);
      expect(said.replace(/\D/g, "")).not.toContain(digits);
      expect(said).not.toContain(digits.slice(-4) + '"');
      // And the server refuses it the same way, naming the row and column but not the number.
      const err = await uploadFileBatch(await admin(), "cards.csv", csv).then(
        () => null,
        (e: Error & { fieldErrors?: Record<string, string[]> }) => e,
      );
      expect(err?.message).toMatch(/row 1, column description/i);
      expect(JSON.stringify({ m: err?.message, f: err?.fieldErrors }).replace(/\D/g, "")).not.toContain(digits);
    });
  }

  it("finds a card number in any column, ACH account number included", () => {
    const csv = [
      "transaction_type,amount,ach_account_number,ach_routing_number,ach_account_type,ach_sec_code",
      "credit,100,4111111111111111,021000021,checking,ppd",
    ].join("\n");
    expect(checkBatchCsv(csv).fileErrors.join(" ")).toMatch(/row 1, column ach_account_number/i);
  });

  it("leaves numbers that are not card numbers alone: Luhn-invalid 16 digits, short account numbers, ids, amounts", () => {
    const csv = [
      "transaction_type,amount,customer_id,ach_account_number,ach_routing_number,ach_account_type,ach_sec_code,order_id,description",
      `credit,123456789,${"c".repeat(20)},123456789,021000021,checking,ppd,A1,4111111111111112`,
      `sale,100,d3bfel2cunifubaumn00,,,,,B2,Order 2026-11-21 qty 3 ref 123456`,
    ].join("\n");
    expect(checkBatchCsv(csv).fileErrors).toEqual([]);
  });
});
