import { describe, expect, it } from "vitest";
import type { JobStatus } from "../api/types";
import { makeJob } from "../testing";
import { actionable, canAct, canSubmit } from "./rights";

const ALL: JobStatus[] = ["SUBMITTED", "RUNNING", "CANCELLING", "COMPLETED", "FAILED", "CANCELLED"];

function allowedStatuses(action: Parameters<typeof canAct>[1]): JobStatus[] {
  return ALL.filter((status) => canAct(makeJob({ status }), action));
}

describe("canAct without rights from the server", () => {
  it("cancels only waiting and running jobs", () => {
    expect(allowedStatuses("cancel")).toEqual(["SUBMITTED", "RUNNING"]);
  });

  it("deletes waiting and finished jobs, never one a worker holds", () => {
    expect(allowedStatuses("delete")).toEqual(["SUBMITTED", "COMPLETED", "FAILED", "CANCELLED"]);
  });

  it("submits again only finished jobs", () => {
    expect(allowedStatuses("resubmit")).toEqual(["COMPLETED", "FAILED", "CANCELLED"]);
  });
});

describe("canAct with rights from the server", () => {
  it("follows a refusal even where the status would allow the action", () => {
    const job = makeJob({ status: "RUNNING", viewerCanCancel: false });
    expect(canAct(job, "cancel")).toBe(false);
  });

  it("never allows what the status forbids, whatever the right says", () => {
    const job = makeJob({ status: "COMPLETED", viewerCanCancel: true, viewerCanDelete: true });
    expect(canAct(job, "cancel")).toBe(false);
    expect(canAct(job, "delete")).toBe(true);
  });

  it("reads each action's own right", () => {
    const job = makeJob({ status: "FAILED", viewerCanResubmit: false, viewerCanDelete: true });
    expect(canAct(job, "resubmit")).toBe(false);
    expect(canAct(job, "delete")).toBe(true);
  });
});

describe("actionable", () => {
  it("keeps the selected jobs that allow the action", () => {
    const running = makeJob({ status: "RUNNING" });
    const done = makeJob({ status: "COMPLETED" });
    expect(actionable([running, done], "cancel")).toEqual([running]);
  });
});

describe("canSubmit", () => {
  it("allows job types the server says nothing about, refuses those it refuses", () => {
    const info = { type: "REPORT", feature: "Monitoring > Reports", description: "", paramsInput: "report" };
    expect(canSubmit(info)).toBe(true);
    expect(canSubmit({ ...info, viewerCanSubmit: false })).toBe(false);
  });
});
