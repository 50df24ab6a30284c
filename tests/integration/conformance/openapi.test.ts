import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { Sandbox, type TestMerchant } from "../sandbox-cardpointe/helpers";
import { conformance } from "./openapi";
import { installMethodGuard } from "@/lib/security/method-guard";
import { trace } from "./trace";

/** The CardPointe emulators' answers checked against the vendors' OpenAPI files (issue #22 §2). */
const sb = openForFile(async () => {
  installMethodGuard(); // as instrumentation-node.ts does for every server in the portal's process
  return Sandbox.start();
});
let m: TestMerchant;
beforeAll(async () => {
  m = await sb.merchant({ site: "conform", terminal_delay_ms: 10 });
});

const GW = "CardPointeGatewayAPI";
const TERM = "CardPointeIntegratedTerminalAPI";
const CS = "CardSecureAPI";

/**
 * Calls the Gateway REST API as the test merchant (`path` is the spec's path of `url`) and adds where its answer
 * strays from CardPointeGatewayAPI.yaml to `problems`; returns a copy of the answer to read.
 */
const gatewayCall = (problems: string[]) => async (path: string, method: string, url: string, body?: unknown) => {
  const r = await fetch(sb.rest(m, url), {
    method,
    headers: { "content-type": "application/json", authorization: sb.authHeader(m) },
    ...(body === undefined ? {} : { body: JSON.stringify({ merchid: m.merchid, ...body }) }),
  });
  const copy = r.clone();
  problems.push(...(await conformance(GW, path, method, r)));
  return copy;
};

describe("CardSecure conforms to CardSecureAPI.yaml", () => {
  it("tokenize: success and error answers", async () => {
    const problems: string[] = [];
    for (const body of [{ account: "4111111111111111" }, { account: "12" }, {}]) {
      const r = await fetch(`${sb.url}/sandbox/cardpointe/${sb.prefix(m)}/cardsecure/api/v1/ccn/tokenize`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      problems.push(...(await conformance(CS, "/cardsecure/api/v1/ccn/tokenize", "POST", r)));
    }
    expect(problems).toEqual([]);
  });
});

describe("CardPointe Gateway conforms to CardPointeGatewayAPI.yaml", () => {
  it("auth, inquire, inquireByOrderid, capture, void and refund: success and error answers", async () => {
    const problems: string[] = [];
    const call = gatewayCall(problems);
    const auth = async (amount: string, capture = "N") =>
      (await (
        await call("/cardconnect/rest/auth", "POST", "auth", {
          account: "4111111111111111",
          expiry: "1230",
          amount,
          capture,
          orderid: `conf-${amount}`,
        })
      ).json()) as { retref: string };
    const a = await auth("1000");
    await auth("1000", "Y");
    await auth("0"); // amount-driven decline / zero-dollar verification
    await call("/cardconnect/rest/inquire/{retref}/{merchid}", "GET", `inquire/${a.retref}/${m.merchid}`);
    await call("/cardconnect/rest/inquire/{retref}/{merchid}", "GET", `inquire/999999999999/${m.merchid}`);
    await call("/cardconnect/rest/inquire/{retref}/{merchid}", "GET", `inquire/${"9".repeat(20)}/${m.merchid}`);
    await call("/cardconnect/rest/capture", "POST", "capture", { retref: a.retref });
    await call("/cardconnect/rest/void", "POST", "void", { retref: a.retref });
    await call("/cardconnect/rest/void", "POST", "void", { retref: "999999999999" });
    const c = await auth("2000", "Y");
    await call("/cardconnect/rest/refund", "POST", "refund", { retref: c.retref, amount: "500" });
    await call("/cardconnect/rest/refund", "POST", "refund", { retref: "999999999999" });
    await call(
      "/cardconnect/rest/inquireByOrderid/{orderid}/{merchid}/{set}",
      "GET",
      `inquireByOrderid/conf-2000/${m.merchid}/1`,
    );
    await call("/cardconnect/rest/voidByOrderId", "POST", "voidByOrderId", { orderid: "conf-1000" });
    await call("/cardconnect/rest/inquireMerchant/{merchid}", "GET", `inquireMerchant/${m.merchid}`);
    const tok = await sb.tokenize(m, { account: "4111111111111111" });
    await call("/cardconnect/rest/bin/{merchid}/{token}", "GET", `bin/${m.merchid}/${tok.body.token}`);
    const prof = (await (
      await call("/cardconnect/rest/profile", "POST", "profile", {
        account: "4111111111111111",
        expiry: "1230",
        name: "Conform Test",
      })
    ).json()) as { profileid: string; acctid: string };
    await call(
      "/cardconnect/rest/profile/{profileid}/{accountid}/{merchid}",
      "GET",
      `profile/${prof.profileid}/${prof.acctid}/${m.merchid}`,
    );
    await call(
      "/cardconnect/rest/profile/{profileid}/{accountid}/{merchid}",
      "GET",
      `profile/99999999999999999999/1/${m.merchid}`,
    );
    expect(problems).toEqual([]);
  });
});

describe("CardPointe Gateway: settlestat, funding, sigcap, profile update and delete", () => {
  it("success, no-match and bad-input answers (impossible dates included) conform", async () => {
    const problems: string[] = [];
    const call = gatewayCall(problems);
    const a = (await (
      await call("/cardconnect/rest/auth", "POST", "auth", {
        account: "4111111111111111",
        expiry: "1230",
        amount: "1500",
        capture: "Y",
        orderid: "conf-settle",
      })
    ).json()) as { retref: string };
    const settle = "/cardconnect/rest/settlestat";
    const fund = "/cardconnect/rest/funding";
    for (const q of ["date=1231", "date=0230", "date=abcd", "batchid=999999", ""]) {
      await call(settle, "GET", `settlestat?merchid=${m.merchid}&${q}`);
    }
    for (const q of ["date=20261231", "date=20260230", "date=2026", ""]) {
      await call(fund, "GET", `funding?merchid=${m.merchid}&${q}`);
    }
    // The impossible dates answer the documented no-match answer, never a 500.
    const get = (url: string) => fetch(sb.rest(m, url), { headers: { authorization: sb.authHeader(m) } });
    const noBatch = await get(`settlestat?merchid=${m.merchid}&date=0230`);
    expect([noBatch.status, await noBatch.text()]).toEqual([200, "Null batches"]);
    const noFunding = await get(`funding?merchid=${m.merchid}&date=20260230`);
    const pastFunding = await get(`funding?merchid=${m.merchid}&date=20200101`);
    expect(noFunding.status).toBe(pastFunding.status);
    expect(noFunding.status).toBeLessThan(500);
    const sig = "/cardconnect/rest/sigcap";
    await call(sig, "POST", "sigcap", { retref: a.retref, signature: "Qk0eAAAAAAAAABoAAAAMAAAAAQABAAEAGAAAAP8A" });
    await call(sig, "POST", "sigcap", { retref: "999999999999", signature: "Qk0=" });
    await call(sig, "POST", "sigcap", {});
    const prof = (await (
      await call("/cardconnect/rest/profile", "POST", "profile", {
        account: "4111111111111111",
        expiry: "1230",
        name: "Conform Update",
      })
    ).json()) as { profileid: string; acctid: string };
    await call("/cardconnect/rest/profile", "PUT", "profile", {
      profile: `${prof.profileid}/${prof.acctid}`,
      profileupdate: "Y",
      account: "4111111111111111",
      expiry: "1231",
      name: "Conform Updated",
    });
    const one = "/cardconnect/rest/profile/{profileid}/{accountid}/{merchid}";
    await call(one, "DELETE", `profile/${prof.profileid}/${prof.acctid}/${m.merchid}`);
    await call(one, "DELETE", `profile/${prof.profileid}/${prof.acctid}/${m.merchid}`);
    expect(problems).toEqual([]);
  });
});

describe("undocumented paths and methods", () => {
  it("an undocumented path answers 404; TRACE answers 405 with an Allow header", async () => {
    const base = `${sb.url}/sandbox/cardpointe/${sb.prefix(m)}`;
    const r = await fetch(`${base}/cardconnect/rest/tipadjust`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: sb.authHeader(m) },
      body: "{}",
    });
    expect(r.status).toBe(404);
    for (const url of [sb.rest(m, "auth"), `${base}/cardsecure/api/v1/ccn/tokenize`, `${base}/api/v3/authCard`]) {
      const t = await trace(url);
      expect(t.status, url).toBe(405);
      expect(t.allow, url).toBeTruthy();
    }
  });
});

describe("Integrated Terminal conforms to CardPointeIntegratedTerminalAPI.yaml", () => {
  it("listTerminals, ping, dateTime, authCard and tip: success and error answers", async () => {
    const problems: string[] = [];
    const hsn = m.hsns.find((h) => h.behavior === "approve")!.hsn;
    const key = await sb.connect(m, hsn);
    const call = async (version: string, endpoint: string, body: Record<string, unknown>, auth?: string) => {
      const r = await sb.terminal(
        m,
        endpoint,
        { hsn, ...body },
        { session: key, version, ...(auth === undefined ? {} : { auth }) },
      );
      problems.push(...(await conformance(TERM, `/api/${version}/${endpoint}`, "POST", r)));
    };
    await call("v2", "listTerminals", {});
    await call("v2", "listTerminals", {}, "wrong");
    await call("v2", "ping", {});
    await call("v2", "dateTime", { dateTime: "2021-02-03 11:30:45" });
    await call("v2", "dateTime", { dateTime: "yesterday" });
    await call("v3", "authCard", { amount: "100" });
    await call("v3", "authCard", { amount: "100", invoiceId: "INV1234567890" });
    await call("v3", "authCard", {});
    await call("v3", "tip", { amount: "100", prompt: "Tip?" });
    await call("v3", "terminalDetails", {});
    await call("v2", "getPanPadVersion", {});
    await call("v2", "display", { text: "Hello" });
    await call("v2", "display", { text: "x".repeat(1001) });
    await call("v3", "clearDisplay", {});
    await call("v2", "readCard", { amount: "100" });
    await call("v2", "readManual", { amount: "100" });
    await call("v3", "authManual", { amount: "100" });
    await call("v3", "readConfirmation", { prompt: "OK?" });
    await call("v2", "readInput", { prompt: "Zip?", format: "N5" });
    await call("v2", "readSignature", { prompt: "Sign" });
    await call("v3", "printReceipt", { orderId: "nope" });
    await call("v3", "printReceipt", {});
    await call("v2", "cancel", {});
    await call("v2", "disconnect", {});
    expect(problems).toEqual([]);
  });
});

describe("the checker itself", () => {
  it("reports an undeclared status, a wrong type and a non-JSON body", async () => {
    const tok = "/cardsecure/api/v1/ccn/tokenize";
    const bad = (body: string, status = 200) =>
      new Response(body, { status, headers: { "content-type": "application/json" } });
    expect(await conformance(CS, tok, "POST", bad('{"token": 4111, "errorcode": "x"}'))).not.toEqual([]);
    expect(await conformance(CS, tok, "POST", bad("{}", 418))).toEqual([
      `${CS} POST ${tok}: status 418 is not declared`,
    ]);
    expect(await conformance(TERM, "/api/v3/authCard", "POST", bad("oops", 400))).not.toEqual([]);
    expect(await conformance(GW, "/cardconnect/rest/nothing", "GET", bad("{}"))).not.toEqual([]);
    // The `Null batches` erratum accepts that exact text on settlestat only.
    expect(await conformance(GW, "/cardconnect/rest/settlestat", "GET", bad("Null batches"))).toEqual([]);
    expect(await conformance(GW, "/cardconnect/rest/settlestat", "GET", bad("Null batch"))).not.toEqual([]);
    expect(await conformance(GW, "/cardconnect/rest/funding", "GET", bad("Null batches"))).not.toEqual([]);
  });
});
