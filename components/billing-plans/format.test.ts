import { describe, expect, it } from "vitest";
import { describeCadence, describeEnd, formatDay, nextPayment } from "./format";

describe("billing plan wording", () => {
  it("describes cadence and end", () => {
    expect(describeCadence({ interval: "monthly", every: 1 })).toBe("Every month");
    expect(describeCadence({ interval: "weekly", every: 2 })).toBe("Every 2 weeks");
    expect(describeEnd({ kind: "payments", count: 1 })).toBe("1 payment");
    expect(describeEnd({ kind: "date", date: "2027-03-31" })).toBe("Through Mar 31, 2027");
    expect(describeEnd({ kind: "cancelled" })).toBe("Until cancelled");
    expect(formatDay(null)).toBe("—");
  });
  it("finds the next scheduled payment", () => {
    const p = (id: string, status: "paid" | "scheduled") => ({
      id,
      status,
      scheduledDate: "2027-01-01",
      scheduledCents: 100,
      paidCents: null,
      paidDate: null,
      retref: null,
    });
    expect(nextPayment([p("1", "paid"), p("2", "scheduled")])?.id).toBe("2");
    expect(nextPayment(null)).toBeNull();
  });
});
