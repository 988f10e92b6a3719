import { describe, expect, it } from "vitest";
import { logRange } from "./charts";

const times = (p50: number, p99: number) =>
  ({ jobType: "T", count: 1, p50, p90: p50, p99, max: p99 });

describe("the run-times chart's logarithmic axis", () => {
  it("spans whole powers of ten around the shortest median and the longest p99", () => {
    expect(logRange([times(0.2, 0.3), times(45, 80)])).toEqual([0.1, 100]);
  });

  it("draws a run time of 0 as a millisecond, a decade above the bottom", () => {
    expect(logRange([times(0, 0.5)])).toEqual([0.0001, 1]);
  });

  it("starts a decade below a shortest time that is itself a power of ten", () => {
    expect(logRange([times(1, 1)])).toEqual([0.1, 1]);
  });

  it("has a range when no job completed", () => {
    expect(logRange([])).toEqual([0.1, 10]);
  });
});
