import { describe, expect, it } from "vitest";
import { advanceTo, frontEndMidFor, progress, STEP_SECONDS, type BoardingState } from "./boarding";

const t0 = new Date("2026-01-05T12:00:00Z");
const later = (days: number) => new Date(t0.getTime() + days * STEP_SECONDS * 1000);

function signed(willDecline = false): BoardingState {
  return {
    merchantId: "210000042",
    status: "SIGNED",
    statusChangedAt: t0,
    approvedAt: null,
    declinedAt: null,
    boardedAt: null,
    liveAt: null,
    frontEndMid: null,
    willDecline,
  };
}

describe("boarding state machine", () => {
  it("waits a simulated day per automated step", () => {
    expect(progress(signed(), later(0.99)).status).toBe("SIGNED");
    const approved = progress(signed(), later(1));
    expect(approved.status).toBe("APPROVED");
    expect(approved.approvedAt).toEqual(later(1));
    const boarded = progress(signed(), later(2.5));
    expect(boarded.status).toBe("BOARDED");
    expect(boarded.frontEndMid).toBe(frontEndMidFor("210000042"));
    const live = progress(signed(), later(30));
    expect(live.status).toBe("LIVE");
    expect(live.liveAt).toEqual(later(3));
  });

  it("declines at review when underwriting said so, and stays declined", () => {
    const d = progress(signed(true), later(10));
    expect(d.status).toBe("DECLINED");
    expect(d.frontEndMid).toBeNull();
  });

  it("jumps forward by control through the steps in between", () => {
    const r = advanceTo({ ...signed(), status: "OFS" }, "LIVE", t0);
    expect(typeof r).toBe("object");
    if (typeof r === "string") return;
    expect(r.status).toBe("LIVE");
    expect(r.approvedAt).toEqual(t0);
    expect(r.frontEndMid).toMatch(/^\d{12}$/);
  });

  it("refuses to go backwards or off the path", () => {
    expect(advanceTo({ ...signed(), status: "APPROVED" }, "SIGNED", t0)).toMatch(/already/);
    expect(advanceTo({ ...signed(), status: "APPROVED" }, "DECLINED", t0)).toMatch(/only a SIGNED/);
    expect(advanceTo({ ...signed(), status: "INPROG" }, "SIGNED", t0)).toMatch(/signature/);
    expect(advanceTo({ ...signed(), status: "LIVE" }, "LIVE", t0)).toMatch(/no further/);
  });
});
