/**
 * A bar chart as plain SVG, rendered on the server: no chart library and no
 * JavaScript for a dozen bars. Screen readers get the same numbers as a
 * table (the SVG itself is decorative to them), so the chart adds nothing
 * a keyboard or screen-reader user misses.
 */
export type Bar = { label: string; value: number };

export function WeeklyBars({ bars, caption }: { bars: Bar[]; caption: string }) {
  const width = 560;
  const height = 160;
  const top = 16;
  const bottom = 24;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(4, slot * 0.7);
  return (
    <figure className="newsroom-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="presentation" aria-hidden="true" focusable="false" className="newsroom-chart-svg">
        <line x1="0" y1={height - bottom} x2={width} y2={height - bottom} className="newsroom-chart-axis" />
        {bars.map((b, i) => {
          const h = Math.round(((height - top - bottom) * b.value) / max);
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g key={b.label}>
              <rect x={x} y={height - bottom - h} width={barWidth} height={h} className="newsroom-chart-bar" />
              <text x={x + barWidth / 2} y={height - bottom - h - 4} textAnchor="middle" className="newsroom-chart-value">
                {b.value}
              </text>
              {i % 2 === 0 ? (
                <text x={x + barWidth / 2} y={height - 6} textAnchor="middle" className="newsroom-chart-label">
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>{caption}</figcaption>
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
