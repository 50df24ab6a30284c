import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { EXPIRY, Sandbox, type TestMerchant } from "./helpers";

const sb = openForFile(() => Sandbox.start());
let m: TestMerchant;

beforeAll(async () => {
  m = await sb.merchant({ site: "settletest" });
});

const visa = { account: "4111111111111111", expiry: EXPIRY };

describe("settlestat and funding", () => {
  it("answers `Null batches` and no deposits before anything settled", async () => {
    const s = await sb.get(m, `settlestat?merchid=${m.merchid}`);
    expect(s.status).toBe(200);
    expect(await s.text()).toBe("Null batches");
    const f = await (await sb.get(m, `funding?merchid=${m.merchid}`)).json();
    expect(f).toEqual({ errormsg: "No deposits match your request" });
    const close = await (await sb.get(m, `closebatch/${m.merchid}`)).json();
    expect(close.respcode).toBe("noBatch");
  });

  it("an impossible date (Feb 30) gets the documented no-match answer, not a 500", async () => {
    for (const date of ["0230", "20260230"]) {
      const s = await sb.get(m, `settlestat?merchid=${m.merchid}&date=${date}`);
      expect(s.status, date).toBe(200);
      expect(await s.text()).toBe("Null batches");
      const f = await sb.get(m, `funding?merchid=${m.merchid}&date=${date}`);
      expect(f.status, date).toBe(200);
      expect(await f.json()).toEqual({ errormsg: "No deposits match your request" });
    }
  });

  it("settles captured sales and refunds into a batch, then funds them the next simulated day with fees", async () => {
    const sale1 = await sb.gw(m, "auth", { ...visa, amount: "100.00", capture: "Y", orderid: "S-1" });
    const sale2 = await sb.gw(m, "auth", {
      account: "5454545454545454",
      expiry: EXPIRY,
      amount: "50.00",
      capture: "Y",
    });
    const authOnly = await sb.gw(m, "auth", { ...visa, amount: "7.00" });
    const settle = await sb.control("settle", { merchid: m.merchid });
    expect(settle.status).toBe(200);
    const settled = await settle.json();
    expect(settled.closed).toHaveLength(1);
    expect(settled.closed[0]).toMatchObject({ batchid: sale1.batchid, transactions: 2 });

    const batches = await (await sb.get(m, `settlestat?merchid=${m.merchid}`)).json();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({
      merchid: m.merchid,
      batchid: sale1.batchid,
      hoststat: "GB",
      respproc: "FNOR",
      chargetotal: "150.00",
      refundtotal: "0.00",
    });
    const byRetref = Object.fromEntries(batches[0].txns.map((t: { retref: string }) => [t.retref, t]));
    expect(byRetref[sale1.retref!]).toMatchObject({
      setlamount: "100.00",
      setlstat: "Y",
      salesdoc: "S-1",
      cardtype: "VISA",
    });
    expect(byRetref[sale2.retref!]).toMatchObject({ setlamount: "50.00", cardtype: "MC" });
    expect(byRetref[authOnly.retref!]).toBeUndefined();
    // Only-merchid queries return each batch once.
    expect(await (await sb.get(m, `settlestat?merchid=${m.merchid}`)).text()).toBe("Null batches");
    const byBatch = await (await sb.get(m, `settlestat?merchid=${m.merchid}&batchid=${sale1.batchid}`)).json();
    expect(byBatch[0].batchid).toBe(sale1.batchid);
    const mmdd = settled.funding_date
      ? new Date(Date.parse(settled.funding_date) - 86_400_000).toISOString().slice(5, 10).replace("-", "")
      : "";
    const byDate = await (await sb.get(m, `settlestat?merchid=${m.merchid}&date=${mmdd}`)).json();
    expect(byDate[0].batchid).toBe(sale1.batchid);

    // Not funded yet on the same simulated day.
    expect(await (await sb.get(m, `funding?merchid=${m.merchid}`)).json()).toEqual({
      errormsg: "No deposits match your request",
    });
    await sb.control("clock", { merchid: m.merchid, advance_seconds: 86_400 });
    const funding = await (await sb.get(m, `funding?merchid=${m.merchid}`)).json();
    expect(funding.fundings).toHaveLength(1);
    const f = funding.fundings[0];
    expect(f).toMatchObject({
      merchid: m.merchid,
      netsales: "150.00",
      fundingdate: settled.funding_date,
      adjustment: "-1.95",
    });
    // 1.80% + $0.10 per sale interchange, 0.25% service charge, $1.95 batch fee.
    expect(f.interchangefee).toBe("-2.90");
    expect(f.servicecharge).toBe("-0.38");
    expect(f.totalfunding).toBe("144.77");
    expect(funding.txns.map((t: { retref: string }) => t.retref).sort()).toEqual([sale1.retref, sale2.retref].sort());
    expect(funding.txns[0].cardnumber).toMatch(/^\d{6}\*{6}\d{4}$/);
    expect(funding.adjustments).toHaveLength(1);
    // Already retrieved: the no-date query moves on; the date query still finds it.
    expect((await (await sb.get(m, `funding?merchid=${m.merchid}`)).json()).errormsg).toBeDefined();
    const ymd = settled.funding_date.replace(/-/g, "");
    const again = await (await sb.get(m, `funding?merchid=${m.merchid}&date=${ymd}`)).json();
    expect(again.fundings[0].fundingid).toBe(f.fundingid);
  });

  it("settles refunds as negative lines and closes batches through closebatch", async () => {
    const sale = await sb.gw(m, "auth", { ...visa, amount: "80.00", capture: "Y" });
    await sb.control("settle", { merchid: m.merchid });
    const r = await sb.gw(m, "refund", { retref: sale.retref, amount: "30.00" });
    expect(r.respstat).toBe("A");
    const open = await (await sb.get(m, `openbatch/${m.merchid}/src`)).json();
    expect(open.respcode).toBe("success");
    const closed = await (await sb.get(m, `closebatch/${m.merchid}/${open.batchid}`)).json();
    expect(closed).toEqual({ batchid: open.batchid, respcode: "success" });
    const batches = await (await sb.get(m, `settlestat?merchid=${m.merchid}`)).json();
    const refundBatch = batches.find((b: { batchid: string }) => b.batchid === open.batchid);
    expect(refundBatch).toMatchObject({ refundtotal: "30.00", chargetotal: "0.00" });
    expect(refundBatch.txns[0]).toMatchObject({ retref: r.retref, setlamount: "-30.00" });
  });
});

describe("control plane", () => {
  it("validates its input", async () => {
    expect((await sb.control("clock", { merchid: m.merchid })).status).toBe(400);
    expect((await sb.control("clock", { merchid: "000", advance_seconds: 1 })).status).toBe(404);
    expect((await sb.control("settle", {})).status).toBe(400);
    expect((await sb.control("merchants", { environment: "test" })).status).toBe(400);
    const created = await sb.control("merchants", {});
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ environment: "uat", site: "fts" });
    expect(body.hsns.map((h: { behavior: string }) => h.behavior)).toEqual(["approve", "decline", "timeout"]);
    expect(body.hsn).toBe(body.hsns[0].hsn);
  });
});
