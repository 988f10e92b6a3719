/**
 * A job's coverage per day before and after it ran (the optimization's
 * `result.data.coverageByDay`), as an inline SVG line chart that follows the page's
 * colours (light and dark), with the numbers as a table for screen readers and copying.
 */

export interface CoveragePoint {
  date: string;
  before: number;
  after: number;
}

/** The points in a result's data, or null when it has none (other job types). */
export function coveragePoints(data: unknown): CoveragePoint[] | null {
  const points = (data as { coverageByDay?: unknown } | null)?.coverageByDay;
  if (!Array.isArray(points) || points.length === 0) return null;
  const valid = points.filter((p): p is CoveragePoint => typeof p === "object" && p !== null
    && typeof (p as CoveragePoint).date === "string" && typeof (p as CoveragePoint).before === "number"
    && typeof (p as CoveragePoint).after === "number");
  return valid.length ? valid : null;
}

const W = 640;
const H = 220;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

function path(points: CoveragePoint[], pick: (p: CoveragePoint) => number,
              x: (i: number) => number, y: (v: number) => number): string {
  return points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(" ");
}

export function CoverageChart({ points }: { points: CoveragePoint[] }) {
  const x = (i: number) => PAD.left + (points.length === 1 ? 0.5 : i / (points.length - 1))
    * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - Math.min(100, Math.max(0, v)) / 100) * (H - PAD.top - PAD.bottom);
  const average = (pick: (p: CoveragePoint) => number) =>
    points.reduce((sum, p) => sum + pick(p), 0) / points.length;
  const label = `Coverage by day, before and after: on average ${average((p) => p.before).toFixed(0)} % `
    + `before, ${average((p) => p.after).toFixed(0)} % after, over ${points.length} days.`;
  const ticks = points.map((p, i) => ({ i, p })).filter(({ i }) => i % 7 === 0 || i === points.length - 1);
  return (
    <figure class="coverage-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line class="coverage-chart__grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text class="coverage-chart__axis" x={PAD.left - 6} y={y(v) + 4} text-anchor="end">{v}</text>
          </g>
        ))}
        {ticks.map(({ i, p }) => (
          <text key={p.date} class="coverage-chart__axis" x={x(i)} y={H - 8} text-anchor="middle">
            {p.date.slice(5)}
          </text>
        ))}
        <path class="coverage-chart__before" d={path(points, (p) => p.before, x, y)} />
        <path class="coverage-chart__after" d={path(points, (p) => p.after, x, y)} />
      </svg>
      <figcaption class="coverage-chart__legend">
        <span class="coverage-chart__key coverage-chart__key--before">Before</span>
        <span class="coverage-chart__key coverage-chart__key--after">After</span>
        <span class="muted">Coverage of demand per day, %</span>
      </figcaption>
      <details class="coverage-chart__table">
        <summary>The numbers per day</summary>
        <table class="figures">
          <thead><tr><th scope="col">Day</th><th scope="col">Before %</th><th scope="col">After %</th></tr></thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}><td>{p.date}</td><td>{p.before.toFixed(1)}</td><td>{p.after.toFixed(1)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
