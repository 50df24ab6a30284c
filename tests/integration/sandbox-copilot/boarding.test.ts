import { describe, expect, it } from "vitest";
import { application, createMerchant, harness } from "./helpers";
import { openForFile } from "@/tests/helpers/for-file";

const h = openForFile(harness);

const DAY = 24 * 60 * 60;

interface Status {
  merchantStatus: {
    boardingProcessStatusCd: string;
    gatewayBoardingStatusCd: string;
    boardingProcessPendingFlg: boolean;
    approvedDatetime: string | null;
    boardedDatetime: string | null;
    liveDatetime: string | null;
    declinedDatetime: string | null;
  };
  errors: null;
}

async function status(id: string) {
  const r = await h.api("GET", `/merchant/${id}/status`);
  expect(r.status).toBe(200);
  return ((await r.json()) as Status).merchantStatus;
}

async function signatureUrl(id: string) {
  const r = await h.api("PUT", `/merchant/${id}/signature`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { signatureUrl: string }).signatureUrl;
}

describe("boarding on the simulated clock", () => {
  it("goes created → OFS → SIGNED (signing page) → APPROVED → BOARDED → LIVE, a simulated day per step", async () => {
    const id = await createMerchant(h);
    expect((await status(id)).boardingProcessStatusCd).toBe("INPROG");

    const url = await signatureUrl(id);
    expect(url).toMatch(new RegExp(`^${h.server.url}/sandbox/copilot/sign/[0-9a-f-]{36}$`));
    expect((await status(id)).boardingProcessStatusCd).toBe("OFS");
    const pending = (await (await h.api("GET", `/merchant/${id}/signature`)).json()) as Record<string, unknown>;
    expect(pending).toMatchObject({
      signatureStatusCd: "PENDING",
      signatureUrl: url,
      signedDatetime: null,
      errors: null,
    });

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain("I agree and sign");
    expect(html).toContain("Corner Bakery");
    expect(html).toContain("XXX-XX-6789");
    expect(html).not.toContain("123-45-6789");

    const signed = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.9" },
      body: "agree=Y&personalGuarantee=Y",
    });
    expect(signed.status).toBe(200);
    const sig = (await (await h.api("GET", `/merchant/${id}/signature`)).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(sig.signatureStatusCd).toBe("SIGNED");
    expect(sig.signedDatetime).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} [AP]M$/);
    expect(sig.signer).toMatchObject({
      email: "jane@cornerbakery.test",
      ipAddress: "203.0.113.9",
      personalGuaranteeFlg: true,
    });
    let s = await status(id);
    expect(s).toMatchObject({ boardingProcessStatusCd: "SIGNED", boardingProcessPendingFlg: true });

    await h.advanceClock(DAY);
    s = await status(id);
    expect(s.boardingProcessStatusCd).toBe("APPROVED");
    expect(s.approvedDatetime).not.toBeNull();
    expect(s.gatewayBoardingStatusCd).toBe("NOT_BOARDED");

    await h.advanceClock(DAY);
    s = await status(id);
    expect(s).toMatchObject({ boardingProcessStatusCd: "BOARDED", gatewayBoardingStatusCd: "BOARDED" });
    const m = (await (await h.api("GET", `/merchant/${id}`)).json()) as { merchant: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(m.merchant.processing.platformDetails.frontEndMid).toMatch(/^\d{12}$/);

    await h.advanceClock(DAY);
    s = await status(id);
    expect(s).toMatchObject({ boardingProcessStatusCd: "LIVE", boardingProcessPendingFlg: false });
    expect(s.liveDatetime).not.toBeNull();

    // A used link shows the signed state and cannot be signed twice.
    expect(await (await fetch(url)).text()).toContain("Application signed");
  });

  it("declines applications underwriting refuses (legal name containing DECLINE)", async () => {
    const id = await createMerchant(h, application({ legalBusinessName: "Decline Test LLC" }));
    const url = await signatureUrl(id);
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "agree=Y",
    });
    await h.advanceClock(3 * DAY);
    const s = await status(id);
    expect(s).toMatchObject({ boardingProcessStatusCd: "DECLINED", gatewayBoardingStatusCd: "NOT_BOARDED" });
    expect(s.declinedDatetime).not.toBeNull();
  });

  it("refuses a signature request for an incomplete application, naming the missing fields", async () => {
    const app = application();
    delete (app.processing as Record<string, any>).platformDetails; // eslint-disable-line @typescript-eslint/no-explicit-any
    const id = await createMerchant(h, app);
    const r = await h.api("PUT", `/merchant/${id}/signature`);
    expect(r.status).toBe(400);
    const b = (await r.json()) as { errors: { code: string; errorField: string }[] };
    expect(b.errors).toContainEqual(
      expect.objectContaining({ code: "1100", errorField: "merchant.processing.platformDetails.taxId" }),
    );
  });

  it("blocks edits while out for signature; retracting the link reopens the application", async () => {
    const id = await createMerchant(h);
    const url = await signatureUrl(id);
    const blocked = await h.api("PUT", `/merchant/${id}`, { merchant: { dbaName: "New Name" } });
    expect(blocked.status).toBe(400);
    expect(((await blocked.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("1006");

    expect((await h.api("DELETE", `/merchant/${id}/signature`)).status).toBe(200);
    expect((await status(id)).boardingProcessStatusCd).toBe("INPROG");
    expect((await fetch(url)).status).toBe(404);
    const sig = (await (await h.api("GET", `/merchant/${id}/signature`)).json()) as Record<string, unknown>;
    expect(sig).toMatchObject({ signatureStatusCd: "NOT_SENT", signatureUrl: null });
    expect((await h.api("PUT", `/merchant/${id}`, { merchant: { dbaName: "New Name" } })).status).toBe(200);
    expect((await h.api("DELETE", `/merchant/${id}/signature`)).status).toBe(400);
  });
});

describe("boarding by control", () => {
  it("advances to SIGNED, APPROVED, BOARDED and LIVE on demand", async () => {
    const id = await createMerchant(h);
    const early = await h.control(`/merchants/${id}/advance`, { to: "SIGNED" });
    expect(early.status).toBe(409);
    await signatureUrl(id);
    for (const to of ["SIGNED", "APPROVED", "BOARDED", "LIVE"]) {
      const r = await h.control(`/merchants/${id}/advance`, { to });
      expect(r.status).toBe(200);
      const b = (await r.json()) as { boardingProcessStatusCd: string; frontEndMid: string | null };
      expect(b.boardingProcessStatusCd).toBe(to);
      if (to === "BOARDED") expect(b.frontEndMid).toMatch(/^\d{12}$/);
      expect((await status(id)).boardingProcessStatusCd).toBe(to);
    }
    const sig = (await (await h.api("GET", `/merchant/${id}/signature`)).json()) as Record<string, unknown>;
    expect(sig.signatureStatusCd).toBe("SIGNED");
    expect((await h.control(`/merchants/${id}/advance`, { to: "LIVE" })).status).toBe(409);
  });

  it("jumps straight to LIVE, or declines a signed application", async () => {
    const a = await createMerchant(h);
    await signatureUrl(a);
    const live = await h.control(`/merchants/${a}/advance`, { to: "LIVE" });
    expect(((await live.json()) as { boardingProcessStatusCd: string }).boardingProcessStatusCd).toBe("LIVE");
    const s = await status(a);
    expect(s.approvedDatetime && s.boardedDatetime && s.liveDatetime).toBeTruthy();

    const d = await createMerchant(h);
    await signatureUrl(d);
    expect((await h.control(`/merchants/${d}/advance`, { to: "DECLINED" })).status).toBe(409);
    await h.control(`/merchants/${d}/advance`, { to: "SIGNED" });
    expect((await h.control(`/merchants/${d}/advance`, { to: "DECLINED" })).status).toBe(200);
    expect((await status(d)).boardingProcessStatusCd).toBe("DECLINED");
    expect((await h.control(`/merchants/${d}/advance`, { to: "LIVE" })).status).toBe(409);
  });

  it("validates control input", async () => {
    expect((await h.control(`/merchants/1/advance`, { to: "LIVE" })).status).toBe(404);
    expect((await h.control(`/merchants/1/advance`, { to: "PARTY" })).status).toBe(400);
  });
});
