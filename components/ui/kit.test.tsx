import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buttonClass, Button } from "./button";
import { cn } from "./cn";
import { inputClass } from "./field";
import { StatusBadge, STATUSES, statusLabel } from "./status-badge";

describe("cn", () => {
  it("lets a later utility replace an earlier one of the same property", () => {
    expect(cn("border-slate-300", false && "x", "border-red-500")).toBe("border-red-500");
    expect(cn(inputClass, "ring-red-500")).not.toContain("ring-slate-300");
  });

  it("keeps a red delete button red over its variant's grey text", () => {
    const html = renderToStaticMarkup(
      <Button variant="secondary" className="text-red-700">
        Delete
      </Button>,
    );
    expect(html).toContain("text-red-700");
    expect(html).not.toContain("text-slate-800");
    expect(cn(buttonClass("ghost"), "text-red-700 hover:bg-red-50")).not.toMatch(/text-slate-700|hover:bg-slate-100/);
  });
});

describe("StatusBadge", () => {
  it("gives every status of every kind a label and one colour", () => {
    for (const [kind, statuses] of Object.entries(STATUSES)) {
      for (const [status, [label]] of Object.entries(statuses)) {
        const html = renderToStaticMarkup(<StatusBadge kind={kind as keyof typeof STATUSES} status={status} />);
        expect(html).toContain(`>${label}<`);
        expect(html).toContain(`data-status="${status}"`);
        expect(html.match(/\bbg-[a-z]+-\d+\b/g)).toHaveLength(1);
      }
    }
  });

  it("never says the same word twice for a live merchant in the portfolio", () => {
    expect(statusLabel("merchant", "live")).not.toBe(statusLabel("boarding", "live"));
  });

  it("keeps the invoices' data-state attribute and shows unknown values as they are", () => {
    expect(renderToStaticMarkup(<StatusBadge kind="invoice" status="paid" />)).toContain('data-state="paid"');
    expect(renderToStaticMarkup(<StatusBadge kind="transaction" status="odd" />)).toContain(">odd<");
  });
});
