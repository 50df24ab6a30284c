import { describe, expect, it } from "vitest";
import { actionLabel, actorDisplay, changeSummary } from "./audit-summary";

describe("audit summary", () => {
  it("turns action names into words", () => {
    expect(actionLabel("transaction.refund")).toBe("Transaction refund");
    expect(actionLabel("member.role_changed")).toBe("Member role changed");
  });

  it("lists changed fields as before → after, new fields as values, and skips unchanged ones", () => {
    expect(
      changeSummary({ role: "merchant_staff", email: "a@b.co" }, { role: "merchant_admin", email: "a@b.co" }),
    ).toBe("role: merchant_staff → merchant_admin");
    expect(changeSummary(null, { amount: 1250, orderId: "A-1" })).toBe("amount: 1250; order id: A-1");
    expect(changeSummary({ email: "x@y.z" }, null)).toBe("email was x@y.z");
    expect(changeSummary(null, null)).toBe("");
  });

  it("keeps summaries short", () => {
    const after = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "x".repeat(200)]));
    const s = changeSummary(null, after, 3);
    expect(s.split("; ")).toHaveLength(4);
    expect(s).toContain("+7 more");
    expect(s.length).toBeLessThan(300);
  });

  it("names non-user actors", () => {
    expect(actorDisplay({ actorName: "Ann", actorEmail: "ann@x.co", actorLabel: null })).toBe("Ann <ann@x.co>");
    expect(actorDisplay({ actorName: null, actorEmail: null, actorLabel: "webhook:fluidpay" })).toBe(
      "Gateway webhook (fluidpay)",
    );
  });
});
