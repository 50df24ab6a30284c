import { describe, expect, it } from "vitest";
import { deletable, editable, invoiceState, isOverdue, voidable } from "./rules";
import { linkExpiry } from "./links";

const base = { status: "pending", amountPaid: 0, sentAt: null, voidedAt: null };
const sent = new Date("2030-01-01T00:00:00Z");

describe("invoice state rules", () => {
  it("derives the portal state from the gateway status and the portal's own facts", () => {
    expect(invoiceState(base)).toBe("draft");
    expect(invoiceState({ ...base, sentAt: sent })).toBe("open");
    expect(invoiceState({ ...base, sentAt: sent, status: "partially_paid", amountPaid: 5 })).toBe("partially_paid");
    expect(invoiceState({ ...base, status: "paid", amountPaid: 5 })).toBe("paid");
    expect(invoiceState({ ...base, status: "authorized" })).toBe("paid");
    expect(invoiceState({ ...base, sentAt: sent, status: "declined" })).toBe("declined");
    expect(invoiceState({ ...base, voidedAt: sent })).toBe("void");
  });

  it("allows delete only for drafts, void only for sent invoices without payments, no edits once paid", () => {
    expect(deletable(base).ok).toBe(true);
    expect(deletable({ ...base, sentAt: sent }).ok).toBe(false);
    expect(voidable(base).ok).toBe(false);
    expect(voidable({ ...base, sentAt: sent }).ok).toBe(true);
    expect(voidable({ ...base, sentAt: sent, status: "partially_paid", amountPaid: 1 }).ok).toBe(false);
    expect(editable({ ...base, status: "paid" }).ok).toBe(false);
    expect(editable({ ...base, voidedAt: sent }).ok).toBe(false);
    expect(editable({ ...base, status: "partially_paid", amountPaid: 1 }).ok).toBe(true);
  });

  it("is overdue only while something is still due after the due date", () => {
    const now = new Date("2030-02-01T00:00:00Z");
    const due = new Date("2030-01-15T23:59:59Z");
    expect(isOverdue({ ...base, sentAt: sent, dueAt: due }, now)).toBe(true);
    expect(isOverdue({ ...base, dueAt: due }, now)).toBe(false); // a draft is not overdue
    expect(isOverdue({ ...base, sentAt: sent, status: "paid", dueAt: due }, now)).toBe(false);
    expect(isOverdue({ ...base, sentAt: sent, dueAt: new Date("2030-03-01T00:00:00Z") }, now)).toBe(false);
  });

  it("expires a pay link 90 days after the due date", () => {
    expect(linkExpiry(new Date("2030-01-31T23:59:59Z")).toISOString()).toBe("2030-05-01T23:59:59.000Z");
    const now = new Date("2030-01-01T00:00:00Z");
    expect(linkExpiry(null, now).toISOString()).toBe("2030-04-01T00:00:00.000Z");
  });
});
