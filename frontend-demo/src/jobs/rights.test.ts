import { describe, expect, it } from "vitest";
import type { JobStatus } from "../api/model";
import { makeJob, makeJobType } from "../testing";
import { actionable, canAct, roleForbids, submittable } from "./rights";

const ALL: JobStatus[] = ["SUBMITTED", "RUNNING", "CANCELLING", "COMPLETED", "FAILED", "CANCELLED"];

function allowedStatuses(action: Parameters<typeof canAct>[1]): JobStatus[] {
  return ALL.filter((status) => canAct(makeJob({ status }), action));
}

describe("canAct for a viewer whose role allows every action", () => {
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

describe("canAct with the viewer's rights on the job", () => {
  it("follows a refusal even where the status would allow the action", () => {
    const job = makeJob({ status: "RUNNING", viewerCanCancel: false });
    expect(canAct(job, "cancel")).toBe(false);
    expect(roleForbids(job, "cancel")).toBe(true);
  });

  it("never allows what the status forbids, whatever the right says", () => {
    const job = makeJob({ status: "COMPLETED", viewerCanCancel: true, viewerCanDelete: true });
    expect(canAct(job, "cancel")).toBe(false);
    expect(roleForbids(job, "cancel")).toBe(false);
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
    const othersRunning = makeJob({ status: "RUNNING", viewerCanCancel: false });
    expect(actionable([running, done, othersRunning], "cancel")).toEqual([running]);
  });
});

describe("submittable", () => {
  it("offers the job types the viewer may submit and the page has a form for", () => {
    const report = makeJobType();
    const seenOnly = makeJobType({ type: "EMPLOYEES_MASS_UPDATE", viewerCanSubmit: false });
    const noForm = makeJobType({ type: "SERVER_ONLY", paramsInput: "" });
    expect(submittable([report, seenOnly, noForm], (jobType) => jobType.paramsInput !== ""))
      .toEqual([report]);
  });
});
