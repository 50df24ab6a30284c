import { describe, expect, it } from "vitest";
import { checkBatchCsv } from "./file-batches";

describe("checkBatchCsv", () => {
  it("accepts vault and refund rows and reports bad rows by line without refusing the file", () => {
    const r = checkBatchCsv(
      [
        '"transaction_type","customer_id","amount","transaction_id","order_id"',
        '"sale","cus_1","1250","",""',
        '"refund","","","tx_9",""',
        '"sale","cus_2","12.50","",""',
        '"void","cus_3","100","",""',
        '"sale","cus_4","100","","bad order id!"',
      ].join("\n"),
    );
    expect(r.fileErrors).toEqual([]);
    expect(r.rows).toHaveLength(5);
    expect(r.rowProblems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(r.rowProblems[0]?.message).toContain("whole cents");
  });

  it("refuses files with card columns, unknown columns, no type column, no rows or broken CSV", () => {
    expect(
      checkBatchCsv('"transaction_type","cc_number","amount"\n"sale","4111111111111111","100"').fileErrors[0],
    ).toMatch(/Card numbers cannot be uploaded/);
    expect(checkBatchCsv('"transaction_type","amount","shoe_size"\n"sale","1","9"').fileErrors).toContain(
      "Unknown columns: shoe_size.",
    );
    expect(checkBatchCsv('"amount"\n"1"').fileErrors).toContain("The transaction_type column is required.");
    expect(checkBatchCsv('"transaction_type","amount"\n').fileErrors).toContain("The file has no rows.");
    expect(checkBatchCsv('"transaction_type","amount"\n"sale","1","extra"').fileErrors[0]).toMatch(/not valid CSV/);
  });
});
