import { describe, expect, it } from "vitest";
import { allowedStatusChanges, canChangeStatus } from "./transitions";

describe("subscription lifecycle", () => {
  it("follows the gateway's status rules", () => {
    expect(allowedStatusChanges("active")).toEqual(["paused", "past_due", "cancelled", "completed"]);
    expect(allowedStatusChanges("paused")).toEqual(["active", "past_due", "cancelled", "completed"]);
    expect(allowedStatusChanges("failing")).toEqual(["active", "paused", "past_due", "cancelled", "completed"]);
    expect(allowedStatusChanges("past_due")).toEqual(["active", "paused", "cancelled", "completed"]);
    expect(allowedStatusChanges("cancelled")).toEqual(["active", "completed"]);
    expect(allowedStatusChanges("completed")).toEqual(["active", "cancelled"]);
  });

  it("never offers the status a subscription already has", () => {
    for (const s of ["active", "paused", "past_due", "cancelled", "completed"] as const) {
      expect(canChangeStatus(s, s)).toBe(false);
    }
  });
});
