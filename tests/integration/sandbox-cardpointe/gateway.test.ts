import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { EXPIRY, Sandbox, type TestMerchant } from "./helpers";

const sb = openForFile(() => Sandbox.start());
let m: TestMerchant;
let other: TestMerchant; // same site, another MID

beforeAll(async () => {
  m = await sb.merchant({ site: "gwtest" });
  other = await sb.merchant({ site: "gwtest" });
});

const visa = { account: "4111111111111111", expiry: EXPIRY };

describe("connection and credentials", () => {
  it("serves the credential-test page with valid Basic auth (GET, PUT, POST)", async () => {
    for (const method of ["GET", "PUT", "POST"]) {
      const r = await fetch(sb.rest(m, ""), {
        method,
        headers: { authorization: sb.authHeader(m), "content-type": "application/json" },
        body: method === "GET" ? undefined : JSON.stringify({ merchid: m.merchid }),
      });
      expect(r.status).toBe(200);
      expect(await r.text()).toMatch(/<h1>CardConnect REST Servlet<\/h1>/);
    }
  });

  it("answers 401 for wrong or missing credentials and for another site's credentials", async () => {
    const bad = await fetch(sb.rest(m, ""), {
      headers: { authorization: sb.authHeader({ username: m.username, password: "nope" }) },
    });
    expect(bad.status).toBe(401);
    expect((await fetch(sb.rest(m, "auth"), { method: "PUT", body: "{}" })).status).toBe(401);
    const elsewhere = await sb.merchant({ site: "gwother" });
    const r = await fetch(sb.rest(m, "auth"), {
      method: "PUT",
      headers: { authorization: sb.authHeader(elsewhere), "content-type": "application/json" },
      body: JSON.stringify({ merchid: elsewhere.merchid, amount: "100", ...visa }),
    });
    expect(r.status).toBe(401);
  });

  it("answers 400 for malformed JSON and 404 for an unknown endpoint", async () => {
    const r = await fetch(sb.rest(m, "auth"), {
      method: "PUT",
      headers: { authorization: sb.authHeader(m), "content-type": "application/json" },
      body: "{not json",
    });
    expect(r.status).toBe(400);
    expect((await sb.get(m, "nosuchthing")).status).toBe(404);
  });
});

describe("auth", () => {
  it("approves with PUT and POST, decimal and minor-unit amounts, always answering x.yy", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "11.11" }, "PUT");
    expect(a).toMatchObject({ respstat: "A", respcode: "00", respproc: "FNOR", amount: "11.11", merchid: m.merchid });
    expect(a.retref).toMatch(/^\d{12}$/);
    expect(a.token).toMatch(/^941\d{9}1111$/);
    expect(a.account).toBe(a.token);
    expect(a.authcode).toMatch(/^PPS\d{3}$/);
    const b = await sb.gw(m, "auth", { ...visa, amount: "1000" }, "POST");
    expect(b).toMatchObject({ respstat: "A", amount: "10.00" });
  });

  it("never echoes the card number; tokenize=Y masks the account", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "500", tokenize: "Y" });
    expect(JSON.stringify(a)).not.toContain("4111111111111111");
    expect(a.account).toBe("411111******1111");
  });

  it("captures in the auth with capture=Y into the open batch", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "2500", capture: "Y", orderid: "ORD-CAP-1" });
    expect(a).toMatchObject({ respstat: "A", setlstat: "Queued for Capture" });
    expect(a.batchid).toMatch(/^\d{10}$/);
    const open = await (await sb.get(m, `openbatch/${m.merchid}/x`)).json();
    expect(open).toEqual({ batchid: a.batchid, respcode: "success" });
  });

  it("applies the per-brand UAT test cards", async () => {
    const cases: [string, string, string, string?][] = [
      ["4788250000121443", "A", "00", "PPS009"],
      ["4387751111111020", "C", "01"],
      ["4387751111111038", "C", "05"],
      ["4387751111111046", "C", "54"],
      ["4387751111111053", "C", "NU"],
      ["5454545454545454", "A", "00", "PPS010"],
      ["5442981111111031", "C", "05"],
      ["371449635398431", "A", "00", "PPS013"],
      ["6011000995500000", "A", "00", "PPS015"],
      ["6011000995511155", "C", "NU"],
      ["36438999960016", "A", "00", "PPS012"],
      ["3528000000000007", "A", "00", "PPS007"],
    ];
    for (const [account, respstat, respcode, authcode] of cases) {
      const r = await sb.gw(m, "auth", { account, expiry: EXPIRY, amount: "1.00" });
      expect(r, account).toMatchObject({ respstat, respcode });
      if (authcode) expect(r.authcode).toBe(authcode);
      else {
        expect(r.amount).toBe("0.00");
        expect(r.authcode).toBeUndefined();
        expect(r.avsresp).toBeUndefined();
      }
    }
  });

  it("simulates gateway timeouts with the timeout cards (PPS 62, respstat B), also through their tokens", async () => {
    for (const account of ["4999006200620062", "5111006200620062", "6465006200620062"]) {
      const r = await sb.gw(m, "auth", { account, expiry: EXPIRY, amount: "5.00", capture: "y" });
      expect(r).toMatchObject({
        respstat: "B",
        respcode: "62",
        resptext: "Timed out",
        respproc: "PPS",
        setlstat: "Declined",
      });
      expect(r.amount).toBe("5.00");
    }
    const t = await sb.tokenize(m, { account: "4999006200620062" });
    const r = await sb.gw(m, "auth", { account: t.body.token, expiry: EXPIRY, amount: "5.00" });
    expect(r.respcode).toBe("62");
  });

  it("partially approves 4387750101010101 for 5.00 at 6.00 and above", async () => {
    const r = await sb.gw(m, "auth", { account: "4387750101010101", expiry: EXPIRY, amount: "6.50" });
    expect(r).toMatchObject({ respstat: "A", respcode: "10", resptext: "Partial Approval", amount: "5.00" });
    const small = await sb.gw(m, "auth", { account: "4387750101010101", expiry: EXPIRY, amount: "5.99" });
    expect(small).toMatchObject({ respcode: "00", amount: "5.99" });
  });

  it("derives AVS from the postal code or an address code, CVV from cvv2", async () => {
    const avs: [Record<string, string>, string][] = [
      [{ postal: "55112" }, "N"],
      [{ postal: "19224" }, "X"],
      [{ postal: "K1A1A3", country: "CA" }, "A"],
      [{ address: "207 Main Street", postal: "19400" }, "G"],
      [{ postal: "19406" }, "Y"],
    ];
    for (const [fields, expected] of avs) {
      const r = await sb.gw(m, "auth", { ...visa, amount: "1.00", ...fields });
      expect(r.avsresp, JSON.stringify(fields)).toBe(expected);
    }
    for (const [cvv2, expected] of [
      ["112", "M"],
      ["111", "N"],
      ["222", "P"],
      ["333", "U"],
    ]) {
      const r = await sb.gw(m, "auth", { ...visa, amount: "1.00", cvv2 });
      expect(r.cvvresp).toBe(expected);
    }
  });

  it("rejects bad input with the PPS codes", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...visa, amount: "abc" }, "43"],
      [{ ...visa, amount: "-5.00" }, "45"],
      [{ ...visa, amount: "1.00", currency: "EUR" }, "32"],
      [{ account: "4111111111111112", expiry: EXPIRY, amount: "1.00" }, "13"],
      [{ account: "4444333322221111", amount: "1.00" }, "15"],
      [{ ...visa, amount: "1.00", cvv2: "1a3" }, "14"],
      [{ ...visa, amount: "1.00", postal: "ABC" }, "17"],
      [{ account: "9418594164541111", expiry: EXPIRY, amount: "1.00" }, "98"],
      [{ profile: "12345678901234567890/1", amount: "1.00" }, "96"],
    ];
    for (const [body, code] of cases) {
      const r = await sb.gw(m, "auth", body);
      expect(r, JSON.stringify(body)).toMatchObject({ respstat: "C", respcode: code, respproc: "PPS", amount: "0.00" });
    }
  });

  it("runs ACH through ProfitStars and refuses an invalid routing number", async () => {
    const ok = await sb.gw(m, "auth", {
      account: "1234567890",
      bankaba: "036001808",
      accttype: "ECHK",
      amount: "1000",
      ecomind: "E",
      capture: "Y",
    });
    expect(ok).toMatchObject({ respstat: "A", respproc: "PSTR", amount: "10.00" });
    expect(ok.token).toMatch(/^903\d{9}7890$/);
    const bad = await sb.gw(m, "auth", {
      account: "1234567890",
      bankaba: "123456789",
      accttype: "ECHK",
      amount: "1000",
    });
    expect(bad).toMatchObject({
      respstat: "C",
      resptext: "The RoutingNumber (123456789) is not a valid routing number.",
    });
  });

  it("keeps stored-credential and ecommerce fields and does zero-amount verification", async () => {
    const r = await sb.gw(m, "auth", { ...visa, amount: "0", ecomind: "R", cof: "M", cofscheduled: "Y" });
    // authResponse echoes `cof` when the request had it (yaml components/schemas/cof).
    expect(r).toMatchObject({ respstat: "A", amount: "0.00", cof: "M" });
    const plain = await sb.gw(m, "auth", { ...visa, amount: "1.00" });
    expect(plain.cof).toBeUndefined();
    // Only the documented values: cof C|M, cofscheduled Y|N (PPS 34 otherwise).
    const badCof = await sb.gw(m, "auth", { ...visa, amount: "1.00", cof: "X" });
    expect(badCof).toMatchObject({ respstat: "C", respproc: "PPS", respcode: "34", resptext: "Invalid field: cof" });
    const badSched = await sb.gw(m, "auth", { ...visa, amount: "1.00", cof: "M", cofscheduled: "maybe" });
    expect(badSched).toMatchObject({ respstat: "C", respcode: "34", resptext: "Invalid field: cofscheduled" });
    const inq = await (await sb.get(m, `inquire/${r.retref}/${m.merchid}`)).json();
    expect(inq.setlstat).toBe("Zero Amount");
    const cap = await sb.gw(m, "capture", { retref: r.retref });
    expect(cap.respstat).toBe("C");
  });
});

describe("capture, void, refund lifecycle", () => {
  it("captures an authorization (partial amount allowed, over-capture refused)", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "20.00" });
    const over = await sb.gw(m, "capture", { retref: a.retref, amount: "25.00" });
    expect(over).toMatchObject({ respstat: "C", respcode: "43" });
    const c = await sb.gw(m, "capture", { retref: a.retref, amount: "15.00" });
    expect(c).toMatchObject({ respstat: "A", setlstat: "Queued for Capture", amount: "15.00", retref: a.retref });
    expect(c.batchid).toMatch(/^\d+$/);
  });

  it("voids authorized (partially or fully) and queued transactions, by retref and by order id", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "30.00" });
    const partial = await sb.gw(m, "void", { retref: a.retref, amount: "10.00" });
    expect(partial).toMatchObject({ respstat: "A", amount: "10.00", authcode: "REVERS" });
    let inq = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(inq).toMatchObject({ amount: "20.00", setlstat: "Authorized", voidable: "Y" });
    const full = await sb.gw(m, "void", { retref: a.retref });
    expect(full).toMatchObject({ respstat: "A", amount: "20.00" });
    inq = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(inq).toMatchObject({ setlstat: "Voided", voidable: "N" });
    const again = await sb.gw(m, "void", { retref: a.retref });
    expect(again.respstat).toBe("C");

    const q = await sb.gw(m, "auth", { ...visa, amount: "12.00", capture: "Y", orderid: "VOID-BY-ORDER-1" });
    const partialQueued = await sb.gw(m, "void", { retref: q.retref, amount: "1.00" });
    expect(partialQueued.respstat).toBe("C");
    const byOrder = await sb.gw(m, "voidByOrderId", { orderid: "VOID-BY-ORDER-1" });
    expect(byOrder).toMatchObject({ respstat: "A", retref: q.retref, orderId: "VOID-BY-ORDER-1" });
    const none = await sb.gw(m, "voidByOrderId", { orderid: "NO-SUCH-ORDER" });
    expect(none).toMatchObject({ respstat: "C", respcode: "29" });
  });

  it("refunds only after settlement, only by the original MID, partially and up to the captured amount", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "40.00", capture: "Y", orderid: "REFUND-1" });
    const early = await sb.gw(m, "refund", { retref: a.retref });
    expect(early).toMatchObject({ respstat: "C", respcode: "28", resptext: "Txn not settled" });
    await sb.control("settle", { merchid: m.merchid });
    const inq = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(inq).toMatchObject({ setlstat: "Accepted", voidable: "N", refundable: "Y" });
    const voidSettled = await sb.gw(m, "void", { retref: a.retref });
    expect(voidSettled.respstat).toBe("C");
    const wrongMid = await sb.gw(other, "refund", { retref: a.retref });
    expect(wrongMid).toMatchObject({ respstat: "C", respcode: "29", resptext: "Txn not found" });
    const part = await sb.gw(m, "refund", { retref: a.retref, amount: "15.00" });
    expect(part).toMatchObject({ respstat: "A", amount: "15.00", orderid: "REFUND-1" });
    expect(part.retref).not.toBe(a.retref);
    const tooMuch = await sb.gw(m, "refund", { retref: a.retref, amount: "30.00" });
    expect(tooMuch.respstat).toBe("C");
    const rest = await sb.gw(m, "refund", { retref: a.retref });
    expect(rest).toMatchObject({ respstat: "A", amount: "25.00" });
    const after = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(after.refundable).toBe("N");
  });

  it("inquires by retref and by order id (this MID or the whole site)", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "3.00", orderid: "SHARED-ORDER", name: "Pat Doe" });
    await sb.gw(other, "auth", { ...visa, amount: "4.00", orderid: "SHARED-ORDER" });
    const inq = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(inq).toMatchObject({
      retref: a.retref,
      amount: "3.00",
      orderid: "SHARED-ORDER",
      lastfour: "1111",
      name: "Pat Doe",
      setlstat: "Authorized",
    });
    expect(inq.authdate).toMatch(/^\d{8}$/);
    const mine = await (await sb.get(m, `inquireByOrderid/SHARED-ORDER/${m.merchid}/1`)).json();
    expect(mine.retref).toBe(a.retref);
    const site = await (await sb.get(m, `inquireByOrderid/SHARED-ORDER/${m.merchid}`)).json();
    expect(Array.isArray(site) && site.length).toBe(2);
    const missing = await (await sb.get(m, `inquire/999999999999/${m.merchid}`)).json();
    expect(missing).toMatchObject({ respstat: "C", respcode: "29" });
    const otherMid = await (await sb.get(other, `inquire/${a.retref}/${other.merchid}`)).json();
    expect(otherMid.respcode).toBe("29");
  });

  it("masks an order id that passes as a card number, which then no longer finds the sale", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "1.00", orderid: "4111111111111111" });
    expect(a.orderid).toBe("411111******1111");
    const byOrder = await (await sb.get(m, `inquireByOrderid/4111111111111111/${m.merchid}/1`)).json();
    expect(byOrder.respcode).toBe("29");
    const inq = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(inq.orderid).toBe("411111******1111");
  });

  it("stores a signature with sigcap", async () => {
    const a = await sb.gw(m, "auth", { ...visa, amount: "2.00" });
    const s = await sb.gw(m, "sigcap", { retref: a.retref, signature: "H4sIAAAAAAAA" });
    expect(s).toMatchObject({ merchid: m.merchid, retref: a.retref, respcode: "00" });
    const inq = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(inq.signature).toBe("H4sIAAAAAAAA");
    expect((await sb.gw(m, "sigcap", { retref: "111111111111" })).respcode).toBe("29");
  });
});

describe("merchant info and BIN", () => {
  it("describes the merchant and a token's BIN", async () => {
    const info = await (await sb.get(m, `inquireMerchant/${m.merchid}`)).json();
    expect(info).toMatchObject({ merchid: m.merchid, site: "gwtest", enabled: true, cardproc: "FNOR" });
    const t = await sb.tokenize(m, { account: "5454545454545454" });
    const bin = await (await sb.get(m, `bin/${m.merchid}/${t.body.token}`)).json();
    expect(bin).toMatchObject({ bin: "545454", product: "M", country: "USA" });
    const amex = await sb.tokenize(m, { account: "371449635398431" });
    const binA = await (await sb.get(m, `bin/${m.merchid}/${amex.body.token}`)).json();
    expect(binA).toEqual({ country: "USA", product: "A", bin: "371449" });
  });
});

describe("over-long ids (issue 22: echoed back unchecked)", () => {
  it("a retref longer than 12 digits or an orderid longer than 50 is an invalid field, not echoed", async () => {
    const long = "9".repeat(300);
    for (const path of [`inquire/${long}/${m.merchid}`, `inquireByOrderid/${"A".repeat(51)}/${m.merchid}/1`]) {
      const res = await sb.get(m, path);
      const text = await res.text();
      expect(JSON.parse(text), path).toMatchObject({ respstat: "C", respcode: "34" });
      expect(text).not.toContain("9".repeat(13));
      expect(text).not.toContain("A".repeat(51));
    }
    // A well-formed unknown retref is still "Txn not found".
    expect(await (await sb.get(m, `inquire/123456789012/${m.merchid}`)).json()).toMatchObject({ respcode: "29" });
  });
});
