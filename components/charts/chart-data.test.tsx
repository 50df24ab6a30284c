import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartData } from "./chart-data";

describe("ChartData", () => {
  it("gives a chart a table of its figures for screen readers and hides the drawing from them", () => {
    const html = renderToStaticMarkup(
      <ChartData
        caption="Declines by reason"
        rows={[
          { reason: "Do not honor", count: 3 },
          { reason: "Insufficient funds", count: 1 },
        ]}
        columns={[
          { label: "Reason", value: (d) => d.reason },
          { label: "Declines", value: (d) => String(d.count) },
        ]}
      >
        <svg />
      </ChartData>,
    );
    expect(html).toContain('<div aria-hidden="true"><svg></svg></div>');
    expect(html).toContain("<caption>Declines by reason</caption>");
    expect(html).toContain("<td>Do not honor</td><td>3</td>");
    expect(html).toContain("<td>Insufficient funds</td><td>1</td>");
  });
});
