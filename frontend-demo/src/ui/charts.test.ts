import { describe, expect, it } from "vitest";
import { logRange } from "./charts";

const times = (p50: number, p99: number) =>
  ({ jobType: "T", count: 1, p50, p90: p50, p99, max: p99 });

describe("the run-times chart's logarithmic axis", () => {
  it("spans whole powers of ten around the shortest median and the longest p99", () => {
    expect(logRange([times(0.2, 0.3), times(45, 80)])).toEqual([0.1, 100]);
  });

  it("shows a run time of 0 at the shortest time it can draw, a millisecond", () => {
    expect(logRange([times(0, 0.5)])).toEqual([0.001, 1]);
  });

  it("spans a power of ten when every time is the same power of ten", () => {
    expect(logRange([times(1, 1)])).toEqual([1, 10]);
  });

  it("has a range when no job completed", () => {
    expect(logRange([])).toEqual([0.1, 10]);
  });
});
