import { parse } from "csv-parse/sync";
import { expect, test } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";

const env = openForFile(() => setup("filebatch"));

async function upload(csv: string, field = "file") {
  const form = new FormData();
  form.append(field, new Blob([csv], { type: "text/csv" }), "batch.csv");
  const res = await fetch(`${env.s.url}/sandbox/gateway/api/filebatch`, {
    method: "POST",
    headers: { authorization: env.apiKey },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const CSV = [
  `"transaction_type","cc_number","cc_expiration","amount","order_id","billing_postal_code"`,
  `"sale","4111111111111111","12/30","1000","row1","60187"`,
  `"sale","4000000000009995","12/30","500","row2",""`,
  `"sale","4111111111111112","12/30","700","row3",""`,
  `"authorize","5555555555554444","12/30","abc","row4",""`,
  `"credit","4005519200000004","12/30","300","row5",""`,
].join("\n");

test("upload → pending → completed with num_lines/processed_lines; download per-row CSV, masked; bad rows reported", async () => {
  const up = await upload(CSV);
  expect(up.status).toBe(200);
  const data = up.json.data as { id: string; status: string };
  expect(data.status).toBe("pending");
  let status: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) {
    const r = await env.api("GET", `/api/filebatch/${data.id}`);
    expect(r.status).toBe(200);
    // Seed 003 L1270–1300: the `{status, msg, data}` envelope.
    expect(r.json).toMatchObject({ status: "success", msg: "success" });
    status = r.json.data as Record<string, unknown>;
    if (status.status === "completed") break;
    await new Promise((res) => setTimeout(res, 100));
  }
  expect(status).toMatchObject({ id: data.id, status: "completed", num_lines: 5, processed_lines: 5 });
  const res = await fetch(`${env.s.url}/sandbox/gateway/api/filebatch/${data.id}/download`, {
    headers: { authorization: env.apiKey },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  const text = await res.text();
  expect(text).not.toContain("4111111111111111");
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(5);
  expect(rows[0]).toMatchObject({
    cc_number: "411111******1111",
    result_status: "pending_settlement",
    result_response_code: "100",
  });
  expect(rows[0]?.result_transaction_id).toMatch(/^[0-9a-v]{20}$/);
  expect(rows[1]).toMatchObject({ result_status: "declined", result_response_code: "202" });
  expect(rows[2]).toMatchObject({ result_status: "failed" });
  expect(rows[2]?.result_msg).toContain("card.number");
  expect(rows[3]).toMatchObject({ result_status: "failed", result_msg: "invalid amount" });
  expect(rows[4]).toMatchObject({ result_status: "pending_settlement" });
  const txn = await env.api("GET", `/api/transaction/${rows[0]?.result_transaction_id}`);
  expect((txn.json.data as { transaction_source: string }[])[0]?.transaction_source).toBe("batch");
});

test("capture and refund rows reference a transaction_id", async () => {
  const auth = await env.api("POST", "/api/transaction", {
    type: "authorize",
    amount: 800,
    payment_method: { card: { number: "4111111111111111", expiration_date: "12/30" } },
  });
  const id = (auth.json.data as { id: string }).id;
  const up = await upload(`"transaction_type","transaction_id","amount"\n"capture","${id}","600"\n"refund","","100"\n`);
  const batchId = (up.json.data as { id: string }).id;
  for (let i = 0; i < 50; i++) {
    const r = await env.api("GET", `/api/filebatch/${batchId}`);
    if ((r.json.data as { status?: string } | undefined)?.status === "completed") break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const text = await (
    await fetch(`${env.s.url}/sandbox/gateway/api/filebatch/${batchId}/download`, {
      headers: { authorization: env.apiKey },
    })
  ).text();
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  expect(rows[0]).toMatchObject({ result_transaction_id: id, result_status: "pending_settlement" });
  expect(rows[1]?.result_msg).toContain("transaction_id is required");
});

test("documented errors: no file, not CSV columns, unknown batch, download before completion", async () => {
  const none = await fetch(`${env.s.url}/sandbox/gateway/api/filebatch`, {
    method: "POST",
    headers: { authorization: env.apiKey, "content-type": "application/json" },
    body: "{}",
  });
  expect(none.status).toBe(400);
  expect((await upload(`"colour","amount"\n"red","1"\n`)).status).toBe(400);
  expect((await upload(``)).status).toBe(400);
  expect((await env.api("GET", "/api/filebatch/aaaaaaaaaaaaaaaaaaaa")).status).toBe(404);
  const up = await upload(CSV);
  const early = await env.api("GET", `/api/filebatch/${(up.json.data as { id: string }).id}/download`);
  expect(early.status).toBe(400);
});
