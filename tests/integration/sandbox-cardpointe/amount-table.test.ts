import { beforeAll, describe, expect, it } from "vitest";
import { RPCT_CODES } from "@portal/sandbox/cardpointe/rpct-codes";
import { openForFile } from "@/tests/helpers/for-file";
import { EXPIRY, Sandbox, type TestMerchant } from "./helpers";

/**
 * The documented UAT amount-driven table for the test MID's processor, First Data North (FNOR):
 * whole-dollar amount 1000 + code (two-digit codes padded with a leading 0) returns that row.
 * Rows copied from GatewayResponseCodes.md (FNOR), every numeric code; letter codes cannot be
 * expressed as an amount.
 */
const FNOR_AMOUNT_TABLE: [dollars: number, respcode: string, respstat: "A" | "B" | "C", resptext: string][] = [
  [1000, "00", "A", "Approval"],
  [1010, "10", "A", "Partial Approval"],
  [1076, "76", "A", "Reversed"],
  [1085, "85", "A", "Validated"],
  [1001, "01", "C", "Refer to issuer"],
  [1003, "03", "C", "Invalid merchant"],
  [1005, "05", "C", "Do not honor"],
  [1012, "12", "C", "Invalid transaction"],
  [1013, "13", "C", "Invalid amount"],
  [1014, "14", "C", "Invalid card number"],
  [1025, "25", "C", "Invalid terminal"],
  [1028, "28", "B", "Please retry"],
  [1051, "51", "C", "Declined"],
  [1054, "54", "C", "Wrong expiration"],
  [1055, "55", "C", "Incorrect pin"],
  [1057, "57", "C", "Invalid txn for card"],
  [1060, "60", "C", "Declined"],
  [1061, "61", "C", "Exceeds withdrawal limit"],
  [1063, "63", "C", "Service not allowed"],
  [1069, "69", "C", "Host key error"],
  [1075, "75", "C", "Pin try exceeded"],
  [1089, "89", "C", "Invalid Term ID"],
  [1091, "91", "B", "System error"],
  [1094, "94", "C", "Duplicate tran"],
];

const sb = openForFile(() => Sandbox.start());
let m: TestMerchant;
let rpct: TestMerchant;

beforeAll(async () => {
  m = await sb.merchant({ site: "amounttest" });
  rpct = await sb.merchant({ site: "amounttest", processor: "RPCT" });
});

describe("UAT amount-driven response codes (FNOR)", () => {
  it.each(FNOR_AMOUNT_TABLE)(
    "$%i returns respcode %s / respstat %s (%s)",
    async (dollars, respcode, respstat, resptext) => {
      // Cents are ignored: only the whole-dollar part selects the code. Minor-unit form exercised too.
      const r = await sb.gw(m, "auth", { account: "4000065433421984", expiry: EXPIRY, amount: `${dollars}95` });
      expect(r).toMatchObject({ respcode, respstat, resptext, respproc: "FNOR" });
      expect(r.amount).toBe(respstat === "A" ? `${dollars}.95` : "0.00");
      const decimal = await sb.gw(m, "auth", { account: "4000065433421984", expiry: EXPIRY, amount: `${dollars}.00` });
      expect(decimal).toMatchObject({ respcode, respstat });
    },
  );

  it("leaves amounts outside $1000–$1999, and codes FNOR does not have, to normal processing", async () => {
    for (const amount of ["999.99", "2005.00", "1500.00", "1002.00"]) {
      const r = await sb.gw(m, "auth", { account: "4000065433421984", expiry: EXPIRY, amount });
      expect(r, amount).toMatchObject({ respstat: "A", respcode: "00", amount });
    }
  });

  it("applies the same codes to authorizations through the CardSecure token and the production environment does not", async () => {
    const t = await sb.tokenize(m, { account: "4000065433421984", expiry: EXPIRY });
    const r = await sb.gw(m, "auth", { account: t.body.token, amount: "1005.00" });
    expect(r).toMatchObject({ respstat: "C", respcode: "05" });
    const prod = await sb.merchant({ site: "amounttest", environment: "prod" });
    const p = await sb.gw(prod, "auth", { account: "4000000000000002", expiry: EXPIRY, amount: "1005.00" });
    expect(p).toMatchObject({ respstat: "A", respcode: "00" });
    const testCard = await sb.gw(prod, "auth", { account: "4111111111111111", expiry: EXPIRY, amount: "1.00" });
    expect(testCard.respstat).toBe("C");
  });

  it("drives refund declines: capture ≥ $2000, settle, refund 1nnn.00 returns code nnn", async () => {
    const sale = await sb.gw(m, "auth", {
      account: "4111111111111111",
      expiry: EXPIRY,
      amount: "2500.00",
      capture: "Y",
    });
    await sb.control("settle", { merchid: m.merchid });
    const declined = await sb.gw(m, "refund", { retref: sale.retref, amount: "1005.00" });
    expect(declined).toMatchObject({ respstat: "C", respcode: "05", resptext: "Do not honor", amount: "0.00" });
    const ok = await sb.gw(m, "refund", { retref: sale.retref, amount: "100.00" });
    expect(ok).toMatchObject({ respstat: "A", amount: "100.00" });
  });
});

describe("UAT amount-driven response codes (RPCT MIDs, $1001–$1999)", () => {
  it("reproduces the documented sample: 111695 on RPCT → 116 Not sufficient funds, amount 0.00", async () => {
    const r = await sb.gw(rpct, "auth", { account: "4000065433421984", expiry: EXPIRY, amount: "111695" });
    expect(r).toMatchObject({
      amount: "0.00",
      resptext: "Not sufficient funds",
      respstat: "C",
      respcode: "116",
      respproc: "RPCT",
    });
  });

  it.each([
    [1332, "332", "C", "Account locked"],
    [1500, "500", "C", "Decline"],
    [1505, "505", "B", "Please retry"],
    [1002, "002", "A", "Approve for partial amount"],
    [1920, "920", "B", "Security H/W or S/W error - try again"],
  ])("$%i → %s/%s (%s)", async (dollars, respcode, respstat, resptext) => {
    const r = await sb.gw(rpct, "auth", { account: "4000065433421984", expiry: EXPIRY, amount: `${dollars}.00` });
    expect(r).toMatchObject({ respcode, respstat, resptext });
  });

  it("covers every row of the RPCT table reachable by amount", async () => {
    const rows = RPCT_CODES.filter((r) => r.respcode !== "000");
    expect(rows.length).toBeGreaterThan(200);
    for (const row of rows) {
      const r = await sb.gw(rpct, "auth", {
        account: "4000065433421984",
        expiry: EXPIRY,
        amount: `1${row.respcode}.00`,
      });
      expect(r, row.respcode).toMatchObject({ respcode: row.respcode, respstat: row.respstat, resptext: row.resptext });
    }
    const approve = await sb.gw(rpct, "auth", { account: "4000065433421984", expiry: EXPIRY, amount: "1000.00" });
    expect(approve).toMatchObject({ respcode: "000", respstat: "A", resptext: "Approve" });
  });

  it("declines the decline test cards with RPCT codes", async () => {
    const cases: [string, string][] = [
      ["4387751111111020", "107"],
      ["4387751111111038", "100"],
      ["4387751111111046", "101"],
      ["4387751111111053", "500"],
    ];
    for (const [account, respcode] of cases) {
      const r = await sb.gw(rpct, "auth", { account, expiry: EXPIRY, amount: "1.00" });
      expect(r, account).toMatchObject({ respstat: "C", respcode, respproc: "RPCT" });
    }
    const partial = await sb.gw(rpct, "auth", { account: "4387750101010101", expiry: EXPIRY, amount: "6.00" });
    expect(partial).toMatchObject({ respcode: "002", amount: "5.00" });
  });
});
