import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";

describe("the SVG bar chart", () => {
  it("draws one bar per row, scaled to the largest, with an accessible summary and no script", () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="Clicks per product"
        rows={[
          { label: "Contour pillow", value: 40 },
          { label: "Foam <roller>", value: 10 },
        ]}
        width={400}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain(
      '<title id="chart-clicks-per-product-title">Clicks per product: Contour pillow 40, Foam &lt;roller&gt; 10</title>',
    );
    const widths = [...html.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBe(4 * widths[1]);
    expect(html).not.toContain("<script");
  });

  it("says so when there is nothing to show", () => {
    expect(renderToStaticMarkup(<BarChart title="Clicks" rows={[]} />)).toContain("Clicks: no data");
  });
});
