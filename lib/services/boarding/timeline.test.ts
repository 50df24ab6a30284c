import { describe, expect, it } from "vitest";
import type { Application } from "@/db/queries/boarding";
import { timelineOf } from "./refresh-status";

const DAY = 86_400_000;
const base = (over: Partial<Application>): Application =>
  ({
    id: "a",
    partnerId: "p",
    createdByUserId: null,
    status: "draft",
    dbaName: "Maple",
    ownerEmail: "o@x.test",
    gateway: "cardpointe",
    draft: {},
    copilotMerchantId: "1",
    signatureUrl: null,
    mid: null,
    merchantId: null,
    submittedAt: null,
    signatureSentAt: null,
    signedAt: null,
    approvedAt: null,
    declinedAt: null,
    boardedAt: null,
    liveAt: null,
    provisionedAt: null,
    lastCheckedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  }) as Application;

describe("boarding timeline stall hints", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it("unsigned after 3 days", () => {
    const v = timelineOf(
      base({ status: "signature_sent", signatureSentAt: new Date(now.getTime() - 4 * DAY) }),
      null,
      now,
    );
    expect(v.hints.join()).toMatch(/Not signed after 3 days/);
    expect(
      timelineOf(base({ status: "signature_sent", signatureSentAt: new Date(now.getTime() - DAY) }), null, now).hints,
    ).toEqual([]);
  });
  it("approved but not boarded", () => {
    const v = timelineOf(base({ status: "approved", approvedAt: new Date(now.getTime() - 2 * DAY) }), null, now);
    expect(v.hints.join()).toMatch(/Approved but not boarded/);
  });
  it("marks steps done up to the current status and the decline as failed", () => {
    const live = timelineOf(base({ status: "live", liveAt: now }), null, now);
    expect(live.steps.every((s) => s.state === "done")).toBe(true);
    const declined = timelineOf(base({ status: "declined", declinedAt: now }), null, now);
    expect(declined.steps.find((s) => s.key === "approved")).toMatchObject({
      state: "failed",
      label: "Declined by underwriting",
    });
  });
});
