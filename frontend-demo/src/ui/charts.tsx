/**
 * The Workers & queues view's charts, drawn with uPlot on a canvas in the page's colours
 * (read from its CSS variables, so light and dark themes both work). Each chart also says
 * what it shows in words (its caption and `aria-label`) and keeps its numbers in a table
 * for screen readers and copying.
 *
 * * {@link FinishedChart}: jobs finished per hour, stacked by status (completed, failed,
 *   cancelled).
 * * {@link RunTimesChart}: run-time percentiles per job type, as nested bars (p99 widest,
 *   the median narrowest: p50 ≤ p90 ≤ p99 always).
 */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { HourlyFinished, RunTimes } from "../api/model";
import { formatSeconds } from "./duration";

const HEIGHT = 220;

function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** Draw `opts`/`data` into the element behind `ref`, at its width; redrawn when they change. */
function useChart(make: (width: number) => { opts: uPlot.Options; data: uPlot.AlignedData },
                  deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const width = () => Math.max(280, element.clientWidth || 600);
    const { opts, data } = make(width());
    const chart = new uPlot(opts, data, element);
    const observer = new ResizeObserver(() => chart.setSize({ width: width(), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, deps);
  return ref;
}

function axisStyle(): Pick<uPlot.Axis, "stroke" | "grid" | "ticks"> {
  const ink = cssColor("--muted", "#4a5363");
  const line = cssColor("--line", "#d3d9e3");
  return { stroke: ink, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 } };
}

const STATUSES = [
  { key: "completed", label: "Completed", color: "--completed-bar", fallback: "#2c9a52" },
  { key: "failed", label: "Failed", color: "--failed-bar", fallback: "#c83a2e" },
  { key: "cancelled", label: "Cancelled", color: "--cancelled-bar", fallback: "#8d8d8d" },
] as const;

export function finishedTotals(hours: HourlyFinished[]) {
  return {
    completed: hours.reduce((n, h) => n + h.completed, 0),
    failed: hours.reduce((n, h) => n + h.failed, 0),
    cancelled: hours.reduce((n, h) => n + h.cancelled, 0),
  };
}

/** Jobs finished per hour, stacked by final status. */
export function FinishedChart({ hours, title, testId }: {
  hours: HourlyFinished[]; title: string; testId: string;
}) {
  const totals = finishedTotals(hours);
  const summary = `${title}: ${totals.completed} completed, ${totals.failed} failed, `
    + `${totals.cancelled} cancelled.`;
  const ref = useChart((width) => {
    const xs = hours.map((h) => Date.parse(h.hour) / 1000);
    // Stacked bars: each series is drawn as the sum of itself and those after it, the
    // tallest first, so each colour shows its own share; the legend shows the real counts.
    const raw = STATUSES.map((s) => hours.map((h) => h[s.key]));
    const stacked = raw.map((_, i) => hours.map((_, j) => raw.slice(i).reduce((n, r) => n + r[j], 0)));
    const bars = uPlot.paths.bars!({ size: [0.8, 40] });
    const series: uPlot.Series[] = [{ label: "Hour" }];
    STATUSES.forEach((status, i) => {
      const color = cssColor(status.color, status.fallback);
      series.push({
        label: status.label, stroke: color, fill: color, width: 0, paths: bars,
        points: { show: false },
        value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) =>
          idx === null ? "–" : String(raw[i][idx]),
      });
    });
    // uPlot draws later series on top: the total (in the completed colour) first.
    return {
      opts: {
        width, height: HEIGHT, series,
        // Half an hour of room on each side, so the first and last hours' bars show whole.
        scales: {
          x: { time: true, range: (_u, min, max) => [min - 1800, max + 1800] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [{ ...axisStyle() }, { ...axisStyle(), label: "jobs" }],
        legend: { show: true },
        cursor: { points: { show: false } },
      },
      data: [xs, ...stacked] as uPlot.AlignedData,
    };
  }, [hours]);
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption class="chart__title">{title}</figcaption>
      <div class="chart__plot" ref={ref} role="img" aria-label={summary} />
      <p class="chart__summary">{summary}</p>
    </figure>
  );
}

/** The shortest run time the logarithmic axis shows: a millisecond (a log axis has no 0). */
const SHORTEST = 0.001;

/**
 * Whole powers of ten around all run times. The bottom lies strictly below the shortest
 * time, so every bar has a height (a bar at the axis's very bottom would not show).
 */
export function logRange(runTimes: RunTimes[]): [number, number] {
  const values = runTimes.flatMap((r) => [r.p50, r.p99]).map((v) => Math.max(v, SHORTEST));
  if (!values.length) return [0.1, 10];
  const shortest = Math.min(...values);
  let bottom = Math.floor(Math.log10(shortest));
  if (10 ** bottom >= shortest) bottom -= 1;
  const low = Number(`1e${bottom}`); // exact, where 10 ** -4 is not
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  return [low, high > low ? high : low * 10];
}

/** Median, 90th and 99th percentile of the run time of each job type's completed jobs. */
export function RunTimesChart({ runTimes, title }: { runTimes: RunTimes[]; title: string }) {
  const summary = runTimes.length
    ? `${title}: ` + runTimes.map((r) => `${r.jobType} median ${formatSeconds(r.p50)}, `
      + `p90 ${formatSeconds(r.p90)}, p99 ${formatSeconds(r.p99)} over ${r.count} jobs`).join("; ") + "."
    : `${title}: no job completed in this time.`;
  const ref = useChart((width) => {
    const xs = runTimes.map((_, i) => i);
    const shades = [
      // Each narrower than the one behind it at any width (the widest at most 84 px), so a
      // p90 equal to the median still shows beside it.
      { label: "p99", key: "p99", size: 0.7, color: cssColor("--running-bg", "#dbe8ff") },
      { label: "p90", key: "p90", size: 0.5, color: cssColor("--running-bar", "#2f6fd6") },
      { label: "Median", key: "p50", size: 0.25, color: cssColor("--running-ink", "#174ea6") },
    ] as const;
    return {
      opts: {
        width, height: HEIGHT,
        series: [
          { label: "Job type", value: (_u, v) => (v === null ? "–" : runTimes[v]?.jobType ?? "") },
          ...shades.map((s) => ({
            label: s.label, stroke: s.color, fill: s.color, width: 0, points: { show: false },
            paths: uPlot.paths.bars!({ size: [s.size, 120 * s.size] }),
            value: (_u: uPlot, v: number | null) => (v === null ? "–" : formatSeconds(v)),
          })),
        ],
        scales: {
          x: { time: false, range: () => [-0.5, Math.max(0.5, runTimes.length - 0.5)] },
          // Logarithmic: job types' run times differ by orders of magnitude (a report in
          // 0.2 s, an optimisation in minutes), and on a linear axis the short ones vanish.
          y: { distr: 3, log: 10, range: () => logRange(runTimes) },
        },
        axes: [
          { ...axisStyle(), splits: () => xs, values: (_u, splits) =>
            splits.map((i) => runTimes[i]?.jobType ?? "") },
          { ...axisStyle(), label: "seconds" },
        ],
        legend: { show: true },
        cursor: { points: { show: false } },
      },
      data: [xs, ...shades.map((s) => runTimes.map((r) => Math.max(r[s.key], SHORTEST)))] as uPlot.AlignedData,
    };
  }, [runTimes]);
  return (
    <figure class="chart" data-testid="run-times-chart">
      <figcaption class="chart__title">{title}</figcaption>
      <div class="chart__plot" ref={ref} role="img" aria-label={summary} />
      <table class="figures run-times">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr><th scope="col">Job type</th><th scope="col">Jobs</th><th scope="col">Median</th>
            <th scope="col">p90</th><th scope="col">p99</th><th scope="col">Longest</th></tr>
        </thead>
        <tbody>
          {runTimes.map((r) => (
            <tr key={r.jobType} data-job-type={r.jobType}>
              <th scope="row">{r.jobType}</th><td>{r.count}</td><td>{formatSeconds(r.p50)}</td>
              <td>{formatSeconds(r.p90)}</td><td>{formatSeconds(r.p99)}</td>
              <td>{formatSeconds(r.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
