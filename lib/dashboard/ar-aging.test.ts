import { describe, expect, it } from "vitest";
import { agingBucketOf, agingBuckets } from "./ar-aging";

const now = new Date("2026-12-07T15:00:00Z");
const day = (s: string) => new Date(`${s}T12:00:00Z`);

describe("AR aging", () => {
  it("puts each invoice in its bucket by whole UTC days past due", () => {
    expect(agingBucketOf(null, now)).toBe("current");
    expect(agingBucketOf(day("2026-12-07"), now)).toBe("current");
    expect(agingBucketOf(day("2026-12-20"), now)).toBe("current");
    expect(agingBucketOf(day("2026-12-06"), now)).toBe("1_30");
    expect(agingBucketOf(day("2026-11-07"), now)).toBe("1_30");
    expect(agingBucketOf(day("2026-11-06"), now)).toBe("31_60");
    expect(agingBucketOf(day("2026-10-08"), now)).toBe("31_60");
    expect(agingBucketOf(day("2026-10-07"), now)).toBe("61_90");
    expect(agingBucketOf(day("2026-09-08"), now)).toBe("61_90");
    expect(agingBucketOf(day("2026-09-07"), now)).toBe("90_plus");
  });

  it("sums amounts due in integer cents per bucket and overall, skipping nothing owed", () => {
    const r = agingBuckets(
      [
        { amountDue: 1001, dueAt: day("2026-12-10") },
        { amountDue: 2502, dueAt: day("2026-12-01") },
        { amountDue: 499, dueAt: day("2026-12-02") },
        { amountDue: 0, dueAt: day("2026-08-01") },
        { amountDue: 10000, dueAt: day("2026-08-01") },
      ],
      now,
    );
    expect(r.buckets.map((b) => [b.key, b.amount, b.count])).toEqual([
      ["current", 1001, 1],
      ["1_30", 3001, 2],
      ["31_60", 0, 0],
      ["61_90", 0, 0],
      ["90_plus", 10000, 1],
    ]);
    expect(r.total).toBe(14002);
  });
});
