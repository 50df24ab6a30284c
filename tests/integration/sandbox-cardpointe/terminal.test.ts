import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/db/client";
import { openForFile } from "@/tests/helpers/for-file";
import { Sandbox, type TestMerchant } from "./helpers";

const sb = openForFile(() => Sandbox.start());
let m: TestMerchant;
let hsn: { approve: string; decline: string; timeout: string };

beforeAll(async () => {
  m = await sb.merchant({ site: "termtest", terminal_delay_ms: 300 });
  const by = (b: string) => m.hsns.find((h) => h.behavior === b)!.hsn;
  hsn = { approve: by("approve"), decline: by("decline"), timeout: by("timeout") };
});

describe("terminal discovery and auth", () => {
  it("lists terminals and their details", async () => {
    const list = await sb.terminal(m, "listTerminals", {}, { version: "v2" });
    expect(list.status).toBe(200);
    expect((await list.json()).terminals.sort()).toEqual(Object.values(hsn).sort());
    const details = await (await sb.terminal(m, "terminalDetails", {})).json();
    expect(details.terminalDetails).toHaveLength(3);
    expect(details.terminalDetails[0]).toMatchObject({ merchantId: m.merchid, connected: true, environment: "UAT" });
  });

  it("answers 401 for a missing or wrong key or another merchant's id, 403 for another merchant's terminal", async () => {
    expect((await sb.terminal(m, "listTerminals", {}, { auth: "" })).status).toBe(401);
    expect((await sb.terminal(m, "listTerminals", {}, { auth: "wrong" })).status).toBe(401);
    const other = await sb.merchant({ site: "termtest" });
    const mismatch = await sb.terminal({ ...m, merchid: other.merchid }, "listTerminals", {});
    expect(mismatch.status).toBe(401);
    const foreign = await sb.terminal(m, "connect", { hsn: other.hsn, force: true }, { version: "v2" });
    expect(foreign.status).toBe(403);
    // The key is valid on its own site only.
    const wrongSite = await fetch(`${sb.url}/sandbox/cardpointe/elsewhere-uat/api/v3/listTerminals`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: m.terminal_api_key },
      body: JSON.stringify({ merchantId: m.merchid }),
    });
    expect(wrongSite.status).toBe(401);
  });

  it("accepts POST only (500 errorCode 1) and needs merchantId (400 errorCode 4)", async () => {
    const get = await fetch(`${sb.url}/sandbox/cardpointe/termtest-uat/api/v2/listTerminals`, {
      headers: { authorization: m.terminal_api_key },
    });
    expect(get.status).toBe(500);
    expect(await get.json()).toEqual({ errorCode: 1, errorMessage: "Request method 'GET' not supported" });
    const r = await fetch(`${sb.url}/sandbox/cardpointe/termtest-uat/api/v2/listTerminals`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: m.terminal_api_key },
      body: "{}",
    });
    expect(r.status).toBe(400);
    expect((await r.json()).errorCode).toBe(4);
  });

  it("refuses preconnect without two-factor configuration", async () => {
    const r = await sb.terminal(m, "preconnect", { hsn: hsn.approve }, { version: "v2" });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({
      errorCode: 3,
      errorMessage: "Merchant is not configured for two-factor authentication",
    });
  });
});

describe("sessions", () => {
  it("connect returns `<key>;expires=<ISO>` ten simulated minutes ahead; a second connect needs force", async () => {
    const t = await sb.merchant({ site: "termtest", terminal_delay_ms: 10 });
    const r = await sb.terminal(t, "connect", { hsn: t.hsn, force: false }, { version: "v2" });
    expect(r.status).toBe(200);
    const header = r.headers.get("x-cardconnect-sessionkey")!;
    const [key, exp] = header.split(";expires=");
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const ms = Date.parse(exp!) - Date.now();
    expect(ms).toBeGreaterThan(9 * 60_000);
    expect(ms).toBeLessThanOrEqual(10 * 60_000);
    const again = await sb.terminal(t, "connect", { hsn: t.hsn, force: false }, { version: "v2" });
    expect(again.status).toBe(500);
    expect(await again.json()).toEqual({ errorCode: 1, errorMessage: "Session exists for hsn" });
    const forced = await sb.connect(t, t.hsn, true);
    expect(forced).not.toBe(key);
    const old = await sb.terminal(t, "ping", { hsn: t.hsn }, { session: key!, version: "v2" });
    expect(await old.json()).toEqual({ errorCode: 1, errorMessage: `Session key for hsn ${t.hsn} was not valid` });
  });

  it("requires the session header, and the session expires after 10 simulated minutes", async () => {
    const t = await sb.merchant({ site: "termtest", terminal_delay_ms: 10 });
    const key = await sb.connect(t, t.hsn);
    const none = await sb.terminal(t, "display", { hsn: t.hsn, text: "hi" });
    expect(none.status).toBe(500);
    expect(await none.json()).toEqual({ errorCode: 1, errorMessage: "SessionKey header is required" });
    expect((await sb.terminal(t, "ping", { hsn: t.hsn }, { session: key, version: "v2" })).status).toBe(200);
    await sb.control("clock", { merchid: t.merchid, advance_seconds: 9 * 60 });
    expect((await sb.terminal(t, "ping", { hsn: t.hsn }, { session: key, version: "v2" })).status).toBe(200);
    await sb.control("clock", { merchid: t.merchid, advance_seconds: 61 });
    const expired = await sb.terminal(t, "ping", { hsn: t.hsn }, { session: key, version: "v2" });
    expect(expired.status).toBe(500);
    expect(await expired.json()).toEqual({ errorCode: 1, errorMessage: `Session key for hsn ${t.hsn} was not valid` });
    // v1 ping checks only the terminal's connection.
    expect(await (await sb.terminal(t, "ping", { hsn: t.hsn }, { version: "v1" })).json()).toEqual({ connected: true });
    // An expired session can be replaced without force.
    const fresh = await sb.terminal(t, "connect", { hsn: t.hsn, force: false }, { version: "v2" });
    expect(fresh.status).toBe(200);
  });

  it("disconnect releases the session key", async () => {
    const t = await sb.merchant({ site: "termtest", terminal_delay_ms: 10 });
    const key = await sb.connect(t, t.hsn);
    expect((await sb.terminal(t, "disconnect", { hsn: t.hsn }, { session: key, version: "v2" })).status).toBe(200);
    expect((await sb.terminal(t, "ping", { hsn: t.hsn }, { session: key, version: "v2" })).status).toBe(500);
  });
});

describe("terminal commands", () => {
  let key: string;
  beforeAll(async () => {
    key = await sb.connect(m, hsn.approve);
  });
  const cmd = (endpoint: string, body: Record<string, unknown>, version = "v3") =>
    sb.terminal(m, endpoint, { hsn: hsn.approve, ...body }, { session: key, version });

  it("sets the date and time, displays and clears text", async () => {
    expect((await cmd("dateTime", { dateTime: "2021-02-03 11:30:45" }, "v2")).status).toBe(200);
    expect((await cmd("dateTime", { dateTime: "2017-09-07T10:51:07.165" }, "v2")).status).toBe(200);
    const bad = await cmd("dateTime", { dateTime: "yesterday" }, "v2");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errorCode).toBe(3);
    expect((await cmd("display", { text: "Welcome\nto the shop" }, "v2")).status).toBe(200);
    expect((await cmd("display", { text: "x".repeat(1001) }, "v2")).status).toBe(400);
    expect((await cmd("clearDisplay", {})).status).toBe(200);
    expect(await (await cmd("getPanPadVersion", {}, "v2")).json()).toHaveProperty("version");
  });

  it("reads a card and a keyed card into tokens of this site, after the simulated interaction time", async () => {
    const started = Date.now();
    const r = await cmd("readCard", { amount: "100", includeSignature: true }, "v2");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const card = await r.json();
    expect(card).toMatchObject({ singleUseToken: false, name: "APPROVE/TEST CARD" });
    expect(card.token).toMatch(/^947\d{9}1443$/);
    expect(card.expiry).toMatch(/^12\d{2}$/);
    expect(typeof card.signature).toBe("string");
    const auth = await sb.gw(m, "auth", { account: card.token, expiry: card.expiry, amount: "1.00" });
    expect(auth).toMatchObject({ respstat: "A", authcode: "PPS009" });
    const manual = await (await cmd("readManual", {}, "v2")).json();
    expect(manual.token).toBe(card.token);
  });

  it("authCard approves through the gateway: the sale shows in inquire, inquireByOrderid and settlestat", async () => {
    const r = await cmd("authCard", { amount: "2599", orderId: "POS-1001", userFields: { lane: "3" } });
    expect(r.status).toBe(200);
    const a = await r.json();
    expect(a).toMatchObject({
      respstat: "A",
      respcode: "00",
      amount: "25.99",
      orderId: "POS-1001",
      merchid: m.merchid,
      entrymode: "EMVContact",
      tokenExpired: false,
    });
    expect(a.batchid).toBeTruthy();
    expect(a.receiptData).toMatchObject({ dba: "Sandbox Merchant" });
    const inq = await (await sb.get(m, `inquire/${a.retref}/${m.merchid}`)).json();
    expect(inq).toMatchObject({ setlstat: "Queued for Capture", entrymode: "EMVContact", userfields: { lane: "3" } });
    const byOrder = await (await sb.get(m, `inquireByOrderid/POS-1001/${m.merchid}/1`)).json();
    expect(byOrder.retref).toBe(a.retref);
    await sb.control("settle", { merchid: m.merchid });
    const batches = await (await sb.get(m, `settlestat?merchid=${m.merchid}`)).json();
    expect(batches.flatMap((b: { txns: { retref: string }[] }) => b.txns.map((t) => t.retref))).toContain(a.retref);
    const receipt = await (await cmd("printReceipt", { orderId: "POS-1001" })).json();
    expect(receipt.receiptData.orderNote).toBe("Total 25.99");
  });

  it("authCard without capture leaves an authorization; default order id is <HSN>-<timestamp>; amount-driven codes apply", async () => {
    const a = await (await cmd("authCard", { amount: "500", capture: false })).json();
    expect(a.orderId).toMatch(new RegExp(`^${hsn.approve}-\\d{14}$`));
    expect(a.batchid).toBeUndefined();
    const driven = await (await cmd("authManual", { amount: "100500" })).json();
    expect(driven).toMatchObject({ respstat: "C", respcode: "05", amount: "0.00", entrymode: "Keyed" });
    const pin = await cmd("authCard", { amount: "100", aid: "debit" });
    expect(pin.status).toBe(500);
    expect(await pin.json()).toEqual({ errorCode: 400, errorMessage: "PIN debit is not supported for merchant" });
    const missing = await cmd("authCard", {});
    expect(missing.status).toBe(400);
    expect((await missing.json()).errorCode).toBe(4);
  });

  it("prompts for a tip, a signature, a confirmation and input", async () => {
    expect(
      await (
        await cmd("tip", {
          amount: "1000",
          prompt: "Tip?",
          includeCustomTipAmount: false,
          tipPercentPresets: [20, 18, 15],
        })
      ).json(),
    ).toEqual({
      // Integers, as the spec's tipSuccess types them (issue 22).
      amount: 1000,
      tip: 200,
      total: 1200,
    });
    expect((await cmd("tip", { amount: "1000", prompt: "Tip?", includeCustomTipAmount: false })).status).toBe(400);
    const sig = await (await cmd("readSignature", { prompt: "Sign here" }, "v2")).json();
    expect(Buffer.from(sig.signature, "base64").subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await cmd("getSignature", { prompt: "Sign" }, "v2")).status).toBe(200);
    expect((await cmd("readSignature", { prompt: "This prompt is far too long" }, "v2")).status).toBe(400);
    expect(await (await cmd("readConfirmation", { prompt: "OK?", beep: false })).json()).toEqual({ confirmed: true });
    expect(await (await cmd("readInput", { prompt: "Phone", format: "PHONE" }, "v2")).json()).toEqual({
      input: "6105550123",
    });
    const badFormat = await cmd("readInput", { prompt: "Phone", format: "NOPE" }, "v2");
    expect(await badFormat.json()).toEqual({ errorCode: 3, errorMessage: "Invalid format" });
  });

  it("cancel stops an in-flight read (errorCode 8); a busy terminal answers errorCode 7", async () => {
    const slow = await sb.merchant({ site: "termtest", terminal_delay_ms: 8000 });
    const k = await sb.connect(slow, slow.hsn);
    const reading = sb.terminal(slow, "readCard", { hsn: slow.hsn }, { session: k, version: "v2" });
    // Wait until the read has really claimed the terminal (the pool may be slow under a full parallel run).
    for (let i = 0; i < 100; i++) {
      const r = await getPool().query(`select op_id from sandbox_cardpointe.terminals where hsn = $1`, [slow.hsn]);
      if (r.rows[0]?.op_id) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const busy = await sb.terminal(slow, "readCard", { hsn: slow.hsn }, { session: k, version: "v2" });
    expect(busy.status).toBe(500);
    expect(await busy.json()).toEqual({ errorCode: 7, errorMessage: `Terminal ${slow.hsn} is already in use` });
    expect((await sb.terminal(slow, "cancel", { hsn: slow.hsn }, { session: k, version: "v2" })).status).toBe(200);
    const res = await reading;
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ errorCode: 8, errorMessage: "Command Cancelled" });
  });

  it("the decline terminal's card is declined by the gateway; the timeout terminal times out", async () => {
    const kd = await sb.connect(m, hsn.decline);
    const d = await (await sb.terminal(m, "authCard", { hsn: hsn.decline, amount: "1000" }, { session: kd })).json();
    expect(d).toMatchObject({ respstat: "C", respcode: "05", resptext: "Do not honor", amount: "0.00" });
    expect((await sb.get(m, `inquire/${d.retref}/${m.merchid}`)).status).toBe(200);
    const kt = await sb.connect(m, hsn.timeout);
    const t = await sb.terminal(m, "authCard", { hsn: hsn.timeout, amount: "1000" }, { session: kt });
    expect(t.status).toBe(500);
    expect(await t.json()).toEqual({ errorCode: 1, errorMessage: "Terminal request timed out" });
    const p = await sb.terminal(m, "printReceipt", { hsn: hsn.decline, orderId: "POS-1001" }, { session: kd });
    expect(p.status).toBe(500);
    expect((await p.json()).errorCode).toBe(800);
  });

  it("a production merchant's approving terminal approves on its own host", async () => {
    const prod = await sb.merchant({ site: "termtest", environment: "prod", terminal_delay_ms: 10 });
    const k = await sb.connect(prod, prod.hsn);
    const r = await sb.terminal(prod, "authCard", { hsn: prod.hsn, amount: "1234" }, { session: k });
    expect(await r.json()).toMatchObject({ respstat: "A", amount: "12.34", respproc: "FNOR" });
    const details = await (await sb.terminal(prod, "terminalDetails", {})).json();
    expect(details.terminalDetails[0].environment).toBe("PROD");
  });

  it("validates printReceipt", async () => {
    expect((await cmd("printReceipt", {})).status).toBe(400);
    const delay = await cmd("printReceipt", { orderId: "POS-1001", printDelay: 70000 });
    expect(await delay.json()).toEqual({
      errorCode: 3,
      errorMessage: "'printDelay' value must be between 0 and 60,000",
    });
  });

  it("refuses an over-long invoiceId or orderId with 400 code 3, without echoing it back (services.md §3.2)", async () => {
    const invoiceId = "INV1234567890"; // 13 > 12
    const inv = await cmd("authCard", { amount: "100", invoiceId });
    expect(inv.status).toBe(400);
    const invText = await inv.text();
    expect(JSON.parse(invText)).toEqual({ errorCode: 3, errorMessage: "invoiceId must be 12 characters or less" });
    expect(invText).not.toContain(invoiceId);
    expect((await cmd("authCard", { amount: "100", invoiceId: "INV123456789" })).status).toBe(200); // 12 is fine
    const orderId = `ORD-${"9".repeat(47)}`; // 51 > 50
    for (const endpoint of ["authCard", "printReceipt"]) {
      const r = await cmd(endpoint, { amount: "100", orderId });
      expect(r.status).toBe(400);
      const text = await r.text();
      expect(JSON.parse(text)).toEqual({ errorCode: 3, errorMessage: "orderId must be 50 characters or less" });
      expect(text).not.toContain(orderId);
    }
  });
});
