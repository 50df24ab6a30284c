import { parse } from "csv-parse/sync";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as merchantCsv } from "@/app/api/m/[merchantId]/statement.csv/route";
import { GET as merchantPdf } from "@/app/api/m/[merchantId]/statement.pdf/route";
import { GET as partnerCsv } from "@/app/api/partner/[partnerId]/statement.csv/route";
import { GET as partnerPdf } from "@/app/api/partner/[partnerId]/statement.pdf/route";
import StatementsPage from "@/app/(merchant)/m/[merchantId]/statements/page";
import { StatementTable } from "@/components/statements/statement-view";
import { closeDb, getDb } from "@/db/client";
import { merchantStatement, partnerStatement } from "@/db/queries/statements";
import { settlementBatches } from "@/db/schema";
import { runAsSession } from "@/lib/auth/session";
import type { Transaction } from "@/lib/gateway/types";
import { upsertTransactions } from "@/lib/sync/transactions";
import { makeTransaction } from "@/tests/fixtures/transactions";
import { pdfText } from "@/tests/helpers/pdf";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * Monthly statements against the real cache: transactions written through the sync (which keeps the rollups), batches
 * in settlement_batches. A month's statement must equal what the month's cached rows add up to, in integer cents; the
 * CSV must say what the page says; the PDF must parse and carry the totals; a partner's statement must be the sum of
 * its merchants'. Fixed instants only (November 2026), never today.
 */

const MONTH = "2026-11";
let t: Tenants;

/** A small deterministic generator (no wall clock, no Math.random): the same cases every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const at = (iso: string) => ({ createdAt: iso, updatedAt: iso });

function generated(prefix: string, seed: number): Transaction[] {
  const r = rng(seed);
  const out: Transaction[] = [];
  // Days around November: Oct 30 – Dec 2, at any second of the day (edges included).
  const days = [
    "2026-10-31T23:59:59.000Z",
    "2026-11-01T00:00:00.000Z",
    "2026-11-30T23:59:59.000Z",
    "2026-12-01T00:00:00.000Z",
  ];
  for (let i = 0; i < 60; i++) {
    const when =
      i < days.length ? days[i]! : new Date(Date.UTC(2026, 9, 30) + Math.floor(r() * 34 * 86_400) * 1000).toISOString();
    const amount = 100 + Math.floor(r() * 50_000);
    const pick = r();
    const id = `${prefix}-${i}`;
    if (pick < 0.55) {
      const surcharge = r() < 0.3 ? Math.floor(amount * 0.03) : 0;
      out.push(
        makeTransaction({
          id,
          amount,
          authorizedAmount: amount,
          capturedAmount: amount,
          surchargeAmount: surcharge,
          status: r() < 0.5 ? "settled" : "pending_settlement",
          ...at(when),
        }),
      );
    } else if (pick < 0.65) {
      out.push(
        makeTransaction({
          id,
          amount,
          authorizedAmount: 0,
          capturedAmount: 0,
          approved: false,
          status: "declined",
          responseText: "Declined",
          ...at(when),
        }),
      );
    } else if (pick < 0.8) {
      out.push(
        makeTransaction({
          id,
          type: "refund",
          amount,
          authorizedAmount: 0,
          capturedAmount: 0,
          status: "settled",
          ...at(when),
        }),
      );
    } else if (pick < 0.9) {
      out.push(makeTransaction({ id, amount, capturedAmount: 0, status: "voided", ...at(when) }));
    } else {
      out.push(makeTransaction({ id, amount, status: "returned", ...at(when) }));
    }
  }
  return out;
}

/** What the month's cached rows add up to, computed here from the rows themselves. */
function expected(rows: Transaction[], month: string) {
  const inMonth = rows.filter((x) => x.createdAt!.startsWith(month));
  const sales = inMonth.filter((x) => x.type === "sale" && ["settled", "pending_settlement"].includes(x.status));
  const refunds = inMonth.filter((x) => x.type === "refund");
  const returned = inMonth.filter((x) => x.status === "returned");
  const sum = (xs: Transaction[], f: (x: Transaction) => number) => xs.reduce((a, x) => a + f(x), 0);
  return {
    salesCount: sales.length,
    volume: sum(sales, (x) => x.capturedAmount),
    refundCount: refunds.length,
    refunds: sum(refunds, (x) => x.amount),
    surcharges: sum(sales, (x) => x.surchargeAmount),
    chargebackCount: returned.length,
    chargebacks: sum(returned, (x) => x.amount),
  };
}

const rowsA = generated("stmt-a", 20261101);
const rowsB = generated("stmt-b", 777);

beforeAll(async () => {
  t = await makeTenants();
  await upsertTransactions(getDb(), t.merchantA, rowsA);
  await upsertTransactions(getDb(), t.merchantB, rowsB);
  const batch = (merchantId: string, id: string, iso: string, captured: number, credit: number, net: number) => ({
    merchantId,
    providerId: id,
    batchDate: new Date(iso),
    transactionCount: 3,
    capturedAmount: captured,
    creditAmount: credit,
    netDeposit: net,
    status: "settled",
  });
  await getDb()
    .insert(settlementBatches)
    .values([
      batch(t.merchantA, "b-oct", "2026-10-31T23:59:59Z", 10_000, 0, 9_700),
      batch(t.merchantA, "b-1", "2026-11-01T00:00:00Z", 12_345, 345, 11_700),
      batch(t.merchantA, "b-2", "2026-11-18T14:00:00Z", 50_000, 1_000, 49_000),
      batch(t.merchantA, "b-dec", "2026-12-01T00:00:00Z", 99_999, 0, 99_999),
      batch(t.merchantB, "b-b1", "2026-11-30T23:00:00Z", 20_000, 0, 19_420),
      { ...batch(t.merchantB, "b-rejected", "2026-11-20T10:00:00Z", 5_000, 0, 5_000), status: "rejected" },
    ]);
});

afterAll(closeDb);

describe("monthly statements", () => {
  it("equal the sum of the month's cached transactions, refunds, chargebacks, deposits and fees, in cents", async () => {
    const s = await merchantStatement({ merchantId: t.merchantA, month: MONTH });
    expect(s.totals).toEqual({
      ...expected(rowsA, MONTH),
      depositCount: 2,
      deposits: 11_700 + 49_000,
      fees: 12_345 - 345 - 11_700 + (50_000 - 1_000 - 49_000),
    });
    // The edges: the first second of the month is in, the last second of October and the first of December are not.
    expect(s.days[0]!.day).toBe("2026-11-01");
    expect(s.days.at(-1)!.day).toBe("2026-11-30");
    expect(s.days.every((d) => d.day.startsWith(MONTH))).toBe(true);
    for (const v of Object.values(s.totals)) expect(Number.isInteger(v)).toBe(true);
    // The day rows add up to the totals.
    expect(s.days.reduce((a, d) => a + d.volume, 0)).toBe(s.totals.volume);
    // The neighbouring months are separate.
    const oct = await merchantStatement({ merchantId: t.merchantA, month: "2026-10" });
    expect(oct.totals.deposits).toBe(9_700);
    expect(oct.totals.volume).toBe(expected(rowsA, "2026-10").volume);
  });

  it("exports a CSV that says what the page shows", async () => {
    const params = { params: Promise.resolve({ merchantId: t.merchantA }) };
    const res = await runAsSession(t.adminA.claims, () =>
      merchantCsv(new Request(`http://portal.test/api/m/${t.merchantA}/statement.csv?month=${MONTH}`), params),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = parse(await res.text(), { columns: true }) as Record<string, string>[];

    const tree = await runAsSession(t.adminA.claims, () =>
      StatementsPage({
        params: Promise.resolve({ merchantId: t.merchantA }),
        searchParams: Promise.resolve({ month: MONTH }),
      }),
    );
    const table = findElement(tree, StatementTable);
    const html = renderToStaticMarkup(
      createElement(StatementTable, table.props as Parameters<typeof StatementTable>[0]),
    );
    const pageRows = [...html.matchAll(/<tr[^>]*data-row="([^"]+)"[^>]*>(.*?)<\/tr>/g)].map((m) => ({
      key: m[1]!,
      cells: Object.fromEntries([...m[2]!.matchAll(/data-cell="(\w+)"[^>]*>([^<]*)</g)].map((c) => [c[1]!, c[2]!])),
    }));
    expect(pageRows.length).toBe(csv.length);
    const plain = (s: string) => s.replace(/[$,]/g, "");
    const s = await merchantStatement({ merchantId: t.merchantA, month: MONTH });
    for (const [i, row] of csv.entries()) {
      const page = pageRows[i]!;
      expect(row.day).toBe(i === csv.length - 1 ? "TOTAL" : page.key);
      expect(plain(page.cells.volume!)).toBe(row.sales_volume);
      expect(plain(page.cells.refunds!)).toBe(row.refunded);
      expect(plain(page.cells.chargebacks!)).toBe(row.charged_back);
      expect(plain(page.cells.fees!)).toBe(row.fees_withheld);
      expect(plain(page.cells.deposits!)).toBe(row.deposited);
      expect(page.cells.salesCount).toBe(row.sales_count);
    }
    const total = csv.at(-1)!;
    expect(total.sales_volume).toBe((s.totals.volume / 100).toFixed(2));
    expect(total.deposited).toBe("607.00");

    // A month that is not one is a field error, not a 500; another merchant's admin gets 404.
    const bad = await runAsSession(t.adminA.claims, () =>
      merchantCsv(new Request(`http://portal.test/api/m/${t.merchantA}/statement.csv?month=2026-13`), params),
    );
    expect(bad.status).toBe(400);
    const outsider = await runAsSession(t.adminB.claims, () =>
      merchantCsv(new Request(`http://portal.test/api/m/${t.merchantA}/statement.csv?month=${MONTH}`), params),
    );
    expect(outsider.status).toBe(404);
  });

  it("produces a valid PDF carrying the month's totals", async () => {
    const res = await runAsSession(t.adminA.claims, () =>
      merchantPdf(new Request(`http://portal.test/api/m/${t.merchantA}/statement.pdf?month=${MONTH}`), {
        params: Promise.resolve({ merchantId: t.merchantA }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { pages, strings } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(1);
    const s = await merchantStatement({ merchantId: t.merchantA, month: MONTH });
    const money = (c: number) => `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
    expect(strings).toContain("Statement — November 2026");
    expect(strings).toContain("Total");
    for (const c of [s.totals.volume, s.totals.refunds, s.totals.deposits, s.totals.fees]) {
      expect(strings).toContain(money(c));
    }
  });

  it("rolls a partner's portfolio up to the sum of its merchants", async () => {
    const p = await partnerStatement({ partnerId: t.partnerId, month: MONTH });
    const a = await merchantStatement({ merchantId: t.merchantA, month: MONTH });
    const b = await merchantStatement({ merchantId: t.merchantB, month: MONTH });
    expect(p.merchants.map((m) => m.merchantId).sort()).toEqual([t.merchantA, t.merchantB].sort());
    for (const k of Object.keys(p.totals) as (keyof typeof p.totals)[]) {
      expect(p.totals[k], k).toBe(a.totals[k] + b.totals[k]);
    }
    expect(p.merchants.find((m) => m.merchantId === t.merchantB)!.deposits).toBe(19_420);
    // An agent sees only their assigned merchant (A).
    const agent = await partnerStatement({ partnerId: t.partnerId, agentUserId: t.agent.id, month: MONTH });
    expect(agent.merchants.map((m) => m.merchantId)).toEqual([t.merchantA]);
    expect(agent.totals).toEqual(a.totals);

    const params = { params: Promise.resolve({ partnerId: t.partnerId }) };
    const csvRes = await runAsSession(t.partnerAdmin.claims, () =>
      partnerCsv(new Request(`http://portal.test/api/partner/${t.partnerId}/statement.csv?month=${MONTH}`), params),
    );
    const csv = parse(await csvRes.text(), { columns: true }) as Record<string, string>[];
    expect(csv.at(-1)).toMatchObject({ merchant: "TOTAL", sales_volume: (p.totals.volume / 100).toFixed(2) });
    const pdfRes = await runAsSession(t.partnerAdmin.claims, () =>
      partnerPdf(new Request(`http://portal.test/api/partner/${t.partnerId}/statement.pdf?month=${MONTH}`), params),
    );
    const { strings } = await pdfText(new Uint8Array(await pdfRes.arrayBuffer()));
    expect(strings).toContain("Portfolio statement — November 2026");
    const other = await runAsSession(t.otherPartnerAdmin.claims, () =>
      partnerCsv(new Request(`http://portal.test/api/partner/${t.partnerId}/statement.csv?month=${MONTH}`), params),
    );
    expect(other.status).toBe(404);
  });
});

function findElement(node: unknown, type: unknown): ReactElement {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== "object") continue;
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    const el = n as ReactElement<{ children?: unknown }>;
    if (el.type === type) return el;
    if (el.props) stack.push(...Object.values(el.props as object));
  }
  throw new Error("element not found");
}
