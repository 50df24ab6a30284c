import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { EXPIRY, Sandbox, type TestMerchant } from "./helpers";

const sb = openForFile(() => Sandbox.start());
let m: TestMerchant;

beforeAll(async () => {
  m = await sb.merchant({ site: "faulttest", terminal_delay_ms: 10 });
});

const visa = { account: "4111111111111111", expiry: EXPIRY };

describe("fault injection", () => {
  it("validates the control call", async () => {
    expect((await sb.control("faults", { merchid: m.merchid, error_rate: 2 })).status).toBe(400);
    expect((await sb.control("faults", { merchid: "nope", error_rate: 0 })).status).toBe(404);
  });

  it("error_rate 1 answers the host's 500 on the gateway and the terminal API, without details", async () => {
    const key = await sb.connect(m, m.hsn);
    expect(await (await sb.control("faults", { merchid: m.merchid, error_rate: 1 })).json()).toMatchObject({
      error_rate: 1,
    });
    const r = await fetch(sb.rest(m, "auth"), {
      method: "PUT",
      headers: { authorization: sb.authHeader(m), "content-type": "application/json" },
      body: JSON.stringify({ merchid: m.merchid, amount: "1.00", ...visa }),
    });
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Internal Server Error");
    const t = await sb.terminal(m, "ping", { hsn: m.hsn }, { session: key, version: "v2" });
    expect(t.status).toBe(500);
    expect(await t.json()).toEqual({ errorCode: 1, errorMessage: "Internal server error" });
    await sb.control("faults", { merchid: m.merchid, error_rate: 0 });
    expect((await sb.gw(m, "auth", { ...visa, amount: "1.00" })).respstat).toBe("A");
  });

  it("timeout_rate 1 answers every card auth with PPS 62; inquireByOrderid then finds it declined", async () => {
    await sb.control("faults", { merchid: m.merchid, timeout_rate: 1 });
    const r = await sb.gw(m, "auth", { ...visa, amount: "9.00", orderid: "FAULT-1", capture: "Y" });
    expect(r).toMatchObject({ respstat: "B", respcode: "62", respproc: "PPS", setlstat: "Declined" });
    const inq = await (await sb.get(m, `inquireByOrderid/FAULT-1/${m.merchid}/1`)).json();
    expect(inq).toMatchObject({ setlstat: "Declined", respcode: "62", voidable: "N" });
    await sb.control("faults", { merchid: m.merchid, timeout_rate: 0 });
  });

  it("fail_next fails exactly the next N requests, also when they race", async () => {
    await sb.control("faults", { merchid: m.merchid, fail_next: 3 });
    const statuses = await Promise.all(
      Array.from(
        { length: 6 },
        async () =>
          (await fetch(sb.rest(m, `inquireMerchant/${m.merchid}`), { headers: { authorization: sb.authHeader(m) } }))
            .status,
      ),
    );
    expect(statuses.filter((s) => s === 500)).toHaveLength(3);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect((await sb.get(m, `inquireMerchant/${m.merchid}`)).status).toBe(200);
  });

  it("rate_limit_per_minute throttles UAT reads (inquire, profile, settlestat, funding) with 429 and the documented headers", async () => {
    const rl = await sb.merchant({ site: "faulttest" });
    await sb.control("faults", { merchid: rl.merchid, rate_limit_per_minute: 2 });
    const call = () =>
      fetch(sb.rest(rl, `inquire/111111111111/${rl.merchid}`), {
        headers: { authorization: sb.authHeader(rl), "x-forwarded-for": "203.0.113.9" },
      });
    // Six calls cross at most one minute boundary, so some window sees more than two.
    const responses = [];
    for (let i = 0; i < 6; i++) responses.push(await call());
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const retry = Number(limited[0]!.headers.get("x-rate-limit-retry-after-seconds"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    for (const r of responses.filter((x) => x.status === 200)) {
      expect(r.headers.get("x-rate-limit-remaining")).toMatch(/^[01]$/);
    }
    // auth is not throttled, nor is another client IP.
    expect((await sb.gw(rl, "auth", { ...visa, amount: "1.00" })).respstat).toBe("A");
    const other = await fetch(sb.rest(rl, `inquire/111111111111/${rl.merchid}`), {
      headers: { authorization: sb.authHeader(rl), "x-forwarded-for": "198.51.100.7" },
    });
    expect(other.status).toBe(200);
  });

  it("latency_ms delays the answer", async () => {
    await sb.control("faults", { merchid: m.merchid, latency_ms: 300 });
    const start = Date.now();
    await sb.gw(m, "auth", { ...visa, amount: "1.00" });
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    await sb.control("faults", { merchid: m.merchid, latency_ms: 0 });
  });
});

describe("daily batch close on the simulated clock", () => {
  it("advancing past the day closes the open batch at the end of its day and funds it the day after", async () => {
    const d = await sb.merchant({ site: "faulttest" });
    const sale = await sb.gw(d, "auth", { ...visa, amount: "42.00", capture: "Y" });
    const next = await (await sb.control("clock", { merchid: d.merchid, advance_seconds: 86_400 })).json();
    expect(next.closed).toEqual([{ batchid: sale.batchid, transactions: 1 }]);
    const batches = await (await sb.get(d, `settlestat?merchid=${d.merchid}`)).json();
    expect(batches[0]).toMatchObject({ batchid: sale.batchid, hoststat: "GB", chargetotal: "42.00" });
    const inq = await (await sb.get(d, `inquire/${sale.retref}/${d.merchid}`)).json();
    expect(inq.setlstat).toBe("Accepted");
    expect(inq.settledate).toMatch(/235959$/);
    // The deposit is dated the day after the close, which the clock has already reached or will at +1 day.
    await sb.control("clock", { merchid: d.merchid, advance_seconds: 86_400 });
    const funding = await (await sb.get(d, `funding?merchid=${d.merchid}`)).json();
    expect(funding.fundings[0].netsales).toBe("42.00");
  });
});
