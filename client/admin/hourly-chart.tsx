// Joins, messages and errors per hour as grouped bars in an inline SVG. The SVG is one role="img"
// whose accessible name sums it up; the numbers behind it are in a "Chart data" table below.

import type { AuditStats } from '#protocol/audit-events';
import { chartSummary, hourLabel } from './chart-summary';

const WIDTH = 720;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 26, left: 36 };
const SERIES = [
  { key: 'joins', label: 'Joins' },
  { key: 'messages', label: 'Messages' },
  { key: 'errors', label: 'Errors' },
] as const;

/** A round axis maximum at or above `max`: 1, 2, 5, 10, 20, 50… */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((step) => step * power).find((value) => value >= max) ?? 10 * power) as number;
}

export function HourlyChart({ stats }: { stats: AuditStats }) {
  const hours = stats.hours;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = niceMax(Math.max(0, ...hours.flatMap((h) => [h.joins, h.messages, h.errors])));
  const group = plotWidth / Math.max(1, hours.length);
  const bar = (group * 0.8) / SERIES.length;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(hours.length / 8));

  return (
    <figure class="card chart">
      <figcaption>
        <h2>Activity per hour</h2>
        <ul class="legend" aria-hidden="true">
          {SERIES.map((series) => (
            <li key={series.key}>
              <span class={`swatch swatch--${series.key}`} />
              {series.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <svg
        role="img"
        aria-label={chartSummary(stats)}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="xMidYMid meet"
      >
        {[0, top / 2, top].map((value) => (
          <g key={value} class="grid">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(value)} y2={y(value)} />
            <text x={MARGIN.left - 6} y={y(value) + 4} text-anchor="end">
              {Number.isInteger(value) ? value : value.toFixed(1)}
            </text>
          </g>
        ))}
        {hours.map((h, i) => {
          const x0 = MARGIN.left + i * group + group * 0.1;
          return (
            <g key={h.hour}>
              {SERIES.map((series, s) => (
                <rect
                  key={series.key}
                  class={`bar bar--${series.key}`}
                  x={x0 + s * bar}
                  y={y(h[series.key])}
                  width={Math.max(1, bar - 1)}
                  height={MARGIN.top + plotHeight - y(h[series.key])}
                />
              ))}
              {i % labelEvery === 0 && (
                <text class="axis" x={x0 + (bar * SERIES.length) / 2} y={HEIGHT - 8} text-anchor="middle">
                  {hourLabel(h.hour)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details class="chart-data">
        <summary>Chart data</summary>
        <table>
          <caption>Joins, messages and errors per hour</caption>
          <thead>
            <tr>
              <th scope="col">Hour</th>
              {SERIES.map((series) => (
                <th key={series.key} scope="col">
                  {series.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h.hour}>
                <th scope="row">{hourLabel(h.hour)}</th>
                <td>{h.joins}</td>
                <td>{h.messages}</td>
                <td>{h.errors}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
