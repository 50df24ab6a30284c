import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { EXPIRY, Sandbox, type TestMerchant } from "./helpers";

const sb = openForFile(() => Sandbox.start());
let siteA: TestMerchant;
let siteA2: TestMerchant; // another MID on site A
let siteB: TestMerchant;
let siteAProd: TestMerchant;

beforeAll(async () => {
  siteA = await sb.merchant({ site: "tokena" });
  siteA2 = await sb.merchant({ site: "tokena" });
  siteB = await sb.merchant({ site: "tokenb" });
  siteAProd = await sb.merchant({ site: "tokena", environment: "prod" });
});

describe("CardSecure tokenize", () => {
  it("returns 16-digit tokens: leading 9, the PAN's first two digits, the last four kept; deterministic per PAN", async () => {
    const cases: [string, RegExp][] = [
      ["4111111111111111", /^941\d{9}1111$/],
      ["5454545454545454", /^954\d{9}5454$/],
      ["371449635398431", /^937\d{9}8431$/],
      ["6011000995500000", /^960\d{9}0000$/],
    ];
    for (const [account, shape] of cases) {
      const r = await sb.tokenize(siteA, { account });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ message: "No error", errorcode: 0 });
      expect(r.body.token).toMatch(shape);
      const again = await sb.tokenize(siteA, { account });
      expect(again.body.token).toBe(r.body.token);
    }
    const u1 = await sb.tokenize(siteA, { account: "4111111111111111", unique: true });
    const u2 = await sb.tokenize(siteA, { account: "4111111111111111", unique: true });
    expect(u1.body.token).toMatch(/^941\d{9}1111$/);
    expect(u1.body.token).not.toBe(u2.body.token);
  });

  it("tokenizes ACH as routing/account: 9, the routing number's first two digits, the account's last four", async () => {
    const r = await sb.tokenize(siteA, { account: "036001808/123456789012" });
    expect(r.body.errorcode).toBe(0);
    expect(r.body.token).toMatch(/^903\d{9}9012$/);
    const auth = await sb.gw(siteA, "auth", { account: r.body.token, accttype: "ECHK", amount: "25.00" });
    expect(auth).toMatchObject({ respstat: "A", respproc: "PSTR" });
  });

  it("reports documented error codes", async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ account: "4111111111111112" }, 54],
      [{ account: "4111abc111111111" }, 8],
      [{ account: "" }, 14],
      [{ account: "41111" }, 21],
      [{ account: "41111111111111111111111" }, 13],
      [{}, 74],
    ];
    for (const [body, code] of cases) {
      const r = await sb.tokenize(siteA, body);
      expect(r.status, JSON.stringify(body)).toBe(200);
      expect(r.body.errorcode, JSON.stringify(body)).toBe(code);
      expect(r.body.token).toBeUndefined();
    }
    const bad = await fetch(`${sb.url}/sandbox/cardpointe/tokena-uat/cardsecure/api/v1/ccn/tokenize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
  });

  it("attaches an expiry to an existing token and the gateway uses it", async () => {
    const t = await sb.tokenize(siteA, { account: "4788250000121443" });
    const upd = await sb.tokenize(siteA, { account: t.body.token, expiry: EXPIRY });
    expect(upd.body).toMatchObject({ errorcode: 0, token: t.body.token });
    const auth = await sb.gw(siteA, "auth", { account: t.body.token, amount: "1.00" });
    expect(auth).toMatchObject({ respstat: "A", expiry: EXPIRY, authcode: "PPS009" });
  });

  it("echoes", async () => {
    const r = await fetch(`${sb.url}/sandbox/cardpointe/tokena-uat/cardsecure/api/v1/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "hello" }),
    });
    expect(await r.json()).toEqual({ message: "hello", errorcode: 0 });
  });
});

describe("tokens are bound to site and environment", () => {
  it("a token made on site A (UAT) works for any MID of site A, and is 'Invalid token' on site B and in production", async () => {
    const t = await sb.tokenize(siteA, { account: "4111111111111111", expiry: EXPIRY });
    const token = t.body.token!;
    expect((await sb.gw(siteA, "auth", { account: token, amount: "1.00" })).respstat).toBe("A");
    expect((await sb.gw(siteA2, "auth", { account: token, amount: "1.00" })).respstat).toBe("A");
    const onB = await sb.gw(siteB, "auth", { account: token, expiry: EXPIRY, amount: "1.00" });
    expect(onB).toMatchObject({ respstat: "C", respcode: "98", resptext: "Invalid token", respproc: "PPS" });
    const inProd = await sb.gw(siteAProd, "auth", { account: token, expiry: EXPIRY, amount: "1.00" });
    expect(inProd).toMatchObject({ respstat: "C", respcode: "98", resptext: "Invalid token" });
    // Also refused by profile creation on site B.
    const profile = await sb.gw(siteB, "profile", { account: token, expiry: EXPIRY });
    expect(profile.respcode).toBe("98");
  });

  it("a production token is refused in UAT", async () => {
    const t = await sb.tokenize(siteAProd, { account: "4000000000000002", expiry: EXPIRY });
    expect((await sb.gw(siteAProd, "auth", { account: t.body.token, amount: "1.00" })).respstat).toBe("A");
    const inUat = await sb.gw(siteA, "auth", { account: t.body.token, expiry: EXPIRY, amount: "1.00" });
    expect(inUat.respcode).toBe("98");
  });
});

describe("hosted iFrame tokenizer", () => {
  it("serves a frameable page that tokenizes on this host and posts the token to the parent", async () => {
    const r = await fetch(
      `${sb.url}/sandbox/cardpointe/tokena-uat/itoke/ajax-tokenizer.html?useexpiry=true&usecvv=true`,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/html/);
    expect(r.headers.get("content-security-policy")).toBe("frame-ancestors *");
    expect(r.headers.get("x-frame-options")).toBeNull();
    const html = await r.text();
    expect(html).toContain('id="ccnumfield"');
    expect(html).toContain('id="ccexpirymonth"');
    expect(html).toContain('id="cccvvfield"');
    expect(html).toContain("/sandbox/cardpointe/tokena-uat/cardsecure/api/v1/ccn/tokenize");
    expect(html).toMatch(/postMessage\(JSON\.stringify\(msg\), "\*"\)/);
    expect(html).toContain("message: r.token");
    expect(html).toContain("out.expiry = e");
    expect(html).toContain("validationError");
  });
});

describe("routing", () => {
  it("404s unknown hosts and paths", async () => {
    expect((await fetch(`${sb.url}/sandbox/cardpointe/Bad_Host/cardconnect/rest/`)).status).toBe(404);
    expect((await fetch(`${sb.url}/sandbox/cardpointe/tokena-uat/nothing`)).status).toBe(404);
  });
});
