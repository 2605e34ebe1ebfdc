/**
 * A horizontal bar chart as server-rendered SVG (no script, no chart
 * library): one bar per row, labelled, with its value. For the audience
 * figures (clicks per link, per product, per article) in the console and
 * anywhere else a page wants one. Pure: it receives rows and renders them.
 */
export type BarRow = { label: string; value: number };

export function BarChart({ title, rows, width = 480, unit = "" }: { title: string; rows: BarRow[]; width?: number; unit?: string }) {
  const barHeight = 22;
  const gap = 6;
  const labelWidth = Math.round(width * 0.4);
  const valueWidth = 56;
  const plot = width - labelWidth - valueWidth;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * (barHeight + gap) + gap;
  const id = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <figure className="bar-chart">
      <svg role="img" aria-labelledby={`${id}-title`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <title id={`${id}-title`}>{`${title}: ${rows.map((r) => `${r.label} ${r.value}${unit}`).join(", ") || "no data"}`}</title>
        {rows.map((r, i) => {
          const y = gap + i * (barHeight + gap);
          const w = Math.round((Math.max(0, r.value) / max) * plot);
          return (
            <g key={`${r.label}-${i}`}>
              <text x={labelWidth - 8} y={y + barHeight / 2} textAnchor="end" dominantBaseline="middle" fontSize="13">
                {r.label.length > 40 ? `${r.label.slice(0, 39)}…` : r.label}
              </text>
              <rect x={labelWidth} y={y} width={w} height={barHeight} fill="currentColor" opacity="0.75" />
              <text x={labelWidth + w + 6} y={y + barHeight / 2} dominantBaseline="middle" fontSize="13">
                {`${r.value}${unit}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
