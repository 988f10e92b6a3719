import { describe, expect, it } from "vitest";
import { makeJob } from "../testing";
import { coveragePoints } from "../ui/CoverageChart";
import { progressText } from "../ui/ProgressBar";
import { resultText } from "./JobTable";

describe("what a row says a job achieved", () => {
  it("is the result's headline", () => {
    const job = makeJob({ status: "COMPLETED", result: {
      summary: "Coverage of level 'Base' 55.7% → 63.5% (…).", headline: "coverage 56 % → 64 %", files: [] } });
    expect(resultText(job)).toBe("coverage 56 % → 64 %");
  });

  it("is the first line of the error for a failed job, and says a cancelled job changed nothing", () => {
    expect(resultText(makeJob({ status: "FAILED", error: "Level 3 no longer exists.\nTraceback…" })))
      .toBe("Failed: Level 3 no longer exists.");
    expect(resultText(makeJob({ status: "CANCELLED" }))).toBe("Cancelled: nothing was changed");
  });
});

describe("a progress bar", () => {
  it("says how far a job got that did not complete", () => {
    expect(progressText("FAILED", 0.4)).toBe("Failed at 40 %");
    expect(progressText("CANCELLED", 0.123)).toBe("Cancelled at 12 %");
    expect(progressText("RUNNING", 0.5)).toBe("50 %");
  });
});

describe("the coverage chart", () => {
  it("draws the optimization's points per day, and nothing for other results", () => {
    const points = [{ date: "2026-11-30", demandHours: 10, before: 50, after: 70 }];
    expect(coveragePoints({ coverageByDay: points })).toEqual(points);
    expect(coveragePoints({ rows: 3 })).toBeNull();
    expect(coveragePoints(null)).toBeNull();
  });
});
