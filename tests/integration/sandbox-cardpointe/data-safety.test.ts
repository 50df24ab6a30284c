import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/db/client";
import { createSandboxMerchant } from "@portal/sandbox/cardpointe";
import { openForFile } from "@/tests/helpers/for-file";
import { EXPIRY, Sandbox, type TestMerchant } from "./helpers";

const sb = openForFile(() => Sandbox.start());
let m: TestMerchant;

beforeAll(async () => {
  m = await sb.merchant({ site: "safetest" });
});

const PAN = "4788250000121443";

describe("card data at rest and in responses", () => {
  it("stores only sealed numbers: no table of the schema holds the clear PAN or the CVV", async () => {
    await sb.tokenize(m, { account: PAN, expiry: EXPIRY });
    await sb.gw(m, "auth", {
      account: PAN,
      expiry: EXPIRY,
      cvv2: "987",
      amount: "1.00",
      capture: "Y",
      profile: "Y",
      name: "Safe",
    });
    await sb.gw(m, "profile", { account: "5454545454545454", expiry: EXPIRY });
    await sb.control("settle", { merchid: m.merchid });
    const pool = getPool();
    // Only this file's rows: other files share the database and run concurrently.
    const scoped: Record<string, string> = {
      tokens: "site = 'safetest'",
      transactions: `merchid = '${m.merchid}'`,
      profile_accounts: `merchid = '${m.merchid}'`,
      fundings: `merchid = '${m.merchid}'`,
      batches: `merchid = '${m.merchid}'`,
      merchants: `merchid = '${m.merchid}'`,
    };
    for (const [table, where] of Object.entries(scoped)) {
      const r = await pool.query(`select t::text as row from sandbox_cardpointe.${table} t where ${where}`);
      expect(r.rows.length, table).toBeGreaterThan(0);
      const dump = r.rows.map((x: { row: string }) => x.row).join("\n");
      expect(dump, table).not.toContain(PAN);
      expect(dump, table).not.toContain("5454545454545454");
      expect(dump, table).not.toMatch(/\b987\b/);
    }
    const sealed = await pool.query(`select pan_sealed from sandbox_cardpointe.tokens where site = 'safetest' limit 1`);
    expect(sealed.rows[0].pan_sealed).toMatch(/^v1\./);
  });

  it("never returns the clear PAN from any gateway read", async () => {
    const a = await sb.gw(m, "auth", { account: PAN, expiry: EXPIRY, amount: "2.00", orderid: "SAFE-1" });
    const reads = [
      await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).text(),
      await (await sb.get(m, `inquireByOrderid/SAFE-1/${m.merchid}/1`)).text(),
      await (await sb.get(m, `bin/${m.merchid}/${a.token}`)).text(),
      JSON.stringify(a),
    ];
    for (const body of reads) expect(body).not.toContain(PAN);
  });

  it("an unknown token cannot be updated through CardSecure", async () => {
    const r = await sb.tokenize(m, { account: "9412345678901111", expiry: EXPIRY });
    expect(r.body.errorcode).toBe(49);
  });
});

describe("concurrency", () => {
  it("concurrent tokenizations of one PAN agree on one token", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => sb.tokenize(m, { account: "6011000995500000" })));
    expect(new Set(results.map((r) => r.body.token)).size).toBe(1);
  });

  it("concurrent captures share one open batch; concurrent refunds never exceed the captured amount", async () => {
    const fresh = await sb.merchant({ site: "safetest" });
    const sales = await Promise.all(
      Array.from({ length: 6 }, () =>
        sb.gw(fresh, "auth", { account: "4111111111111111", expiry: EXPIRY, amount: "10.00", capture: "Y" }),
      ),
    );
    expect(new Set(sales.map((s) => s.batchid)).size).toBe(1);
    await sb.control("settle", { merchid: fresh.merchid });
    const target = sales[0]!.retref;
    const refunds = await Promise.all(
      Array.from({ length: 5 }, () => sb.gw(fresh, "refund", { retref: target, amount: "4.00" })),
    );
    expect(refunds.filter((r) => r.respstat === "A")).toHaveLength(2);
    const voids = await Promise.all(
      Array.from({ length: 4 }, () =>
        sb.gw(fresh, "void", { retref: refunds.find((r) => r.respstat === "A")!.retref }),
      ),
    );
    expect(voids.filter((v) => v.respstat === "A")).toHaveLength(1);
  });
});

describe("in-process merchant creation for the demo seed", () => {
  it("creates a merchant usable over HTTP", async () => {
    const created = await createSandboxMerchant({
      site: "corner",
      environment: "uat",
      dba: "Corner Hardware",
      terminalDelayMs: 10,
    });
    expect(created).toMatchObject({ site: "corner", environment: "uat" });
    expect(created.hsns).toHaveLength(3);
    const info = await (
      await fetch(`${sb.url}/sandbox/cardpointe/corner-uat/cardconnect/rest/inquireMerchant/${created.merchid}`, {
        headers: { authorization: sb.authHeader(created) },
      })
    ).json();
    expect(info).toMatchObject({ merchid: created.merchid, site: "corner" });
  });
});
