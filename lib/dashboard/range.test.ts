import { describe, expect, it } from "vitest";
import { change, daysOf, periodFromSearch } from "./range";

const now = new Date("2026-11-21T15:00:00Z");

describe("periodFromSearch", () => {
  it("defaults to the last 30 days ending today, with the 30 days before as the comparison", () => {
    const p = periodFromSearch({}, now);
    expect(p).toMatchObject({ from: "2026-10-23", to: "2026-11-21", days: 30, preset: 30 });
    expect(p.previous).toEqual({ from: "2026-09-23", to: "2026-10-22" });
  });

  it("accepts the presets and a valid custom range, and falls back on anything else", () => {
    expect(periodFromSearch({ range: "7" }, now)).toMatchObject({ from: "2026-11-15", days: 7 });
    expect(periodFromSearch({ range: "custom", from: "2026-02-01", to: "2026-02-28" }, now)).toMatchObject({
      days: 28,
      preset: null,
      previous: { from: "2026-01-04", to: "2026-01-31" },
    });
    for (const bad of [
      { range: "13" },
      { range: "custom", from: "2026-02-30", to: "2026-03-01" },
      { range: "custom", from: "x" },
    ]) {
      expect(periodFromSearch(bad, now).preset).toBe(30);
    }
    expect(periodFromSearch({ range: "custom", from: "2026-03-01", to: "2026-02-01" }, now).preset).toBe(30);
  });

  it("lists every day and computes changes", () => {
    expect(daysOf({ from: "2026-02-27", to: "2026-03-01" })).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(change(150, 100)).toBeCloseTo(0.5);
    expect(change(5, 0)).toBeNull();
  });
});
