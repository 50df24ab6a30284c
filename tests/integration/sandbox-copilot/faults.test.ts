import { describe, expect, it } from "vitest";
import { handler } from "@portal/sandbox/copilot";
import { harness } from "./helpers";
import { openForFile } from "@/tests/helpers/for-file";

const h = openForFile(harness);

describe("fault injection", () => {
  it("fails the next N calls with the chosen status in the errors envelope, then recovers", async () => {
    const set = await h.control("/faults", { username: h.creds.username, fail_next: 2, status: 502 });
    expect(set.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await h.api("GET", "/lookup/stateCodes");
      expect(r.status).toBe(502);
      const b = (await r.json()) as { errors: { code: string; status: string }[] };
      expect(b.errors[0]).toMatchObject({ code: "9998", status: "BAD_GATEWAY" });
    }
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(200);
  });

  it("adds latency and a random error rate", async () => {
    await h.control("/faults", { username: h.creds.username, latency_ms: 150 });
    const t0 = Date.now();
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    await h.control("/faults", { username: h.creds.username, latency_ms: 0, error_rate: 1, status: 503 });
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(503);
    await h.control("/faults", { username: h.creds.username, error_rate: 0 });
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(200);
  });

  it("validates fault settings", async () => {
    expect((await h.control("/faults", { username: h.creds.username, error_rate: 2 })).status).toBe(400);
    expect((await h.control("/faults", { username: h.creds.username, status: 418 })).status).toBe(400);
    expect((await h.control("/faults", { error_rate: 0.5 })).status).toBe(400);
  });

  it("answers unknown sandbox paths with 404 and keeps the host prefix honest", async () => {
    const r = await handler(new Request("http://x.test/sandbox/copilot/elsewhere"));
    expect(r.status).toBe(404);
    const signBad = await handler(new Request("http://x.test/sandbox/copilot/sign/not-a-token"));
    expect(signBad.status).toBe(404);
  });

  it("builds the signature link from the forwarded host", async () => {
    const create = await h.api("POST", "/merchant", {
      templateId: h.creds.template_id,
      merchant: (await import("./helpers")).application(),
      ownerSiteUser: { firstName: "Jane", lastName: "Baker", email: "jane@cornerbakery.test" },
    });
    const { merchantId } = (await create.json()) as { merchantId: string };
    const r = await h.api("PUT", `/merchant/${merchantId}/signature`, undefined, {
      "x-forwarded-host": "portal.example.test",
      "x-forwarded-proto": "https",
    });
    const { signatureUrl } = (await r.json()) as { signatureUrl: string };
    expect(signatureUrl).toMatch(/^https:\/\/portal\.example\.test\/sandbox\/copilot\/sign\/[0-9a-f-]{36}$/);
  });
});
