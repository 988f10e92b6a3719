import { describe, expect, it } from "vitest";
import type { BulkResult } from "../api/model";
import { makeJob } from "../testing";
import { summarizeOutcome } from "./outcomes";

const job = (id: string, status: "CANCELLED" | "CANCELLING" | "SUBMITTED" = "CANCELLED"): BulkResult =>
  ({ __typename: "Job", ...makeJob({ id, status }) });

describe("summarizeOutcome", () => {
  it("counts what was done and names each job that could not be, with why", () => {
    const outcome = summarizeOutcome("cancel", ["1040", "1041", "1042"], [
      job("1040"), job("1041", "CANCELLING"),
      { __typename: "JobNotCancellable", id: "1042", status: "COMPLETED",
        message: "Job 1042 cannot be cancelled: it is completed." },
    ]);
    expect(outcome.summary).toBe("2 cancelled, 1 could not be cancelled: job 1042 already finished");
    expect(outcome.tone).toBe("partial");
    expect(outcome.failures).toEqual([{ id: "1042", reason: "job 1042 already finished",
                                        message: "Job 1042 cannot be cancelled: it is completed." }]);
  });

  it("names the new jobs of a resubmit", () => {
    const outcome = summarizeOutcome("resubmit", ["7", "8"], [job("12", "SUBMITTED"), job("13", "SUBMITTED")]);
    expect(outcome.summary).toBe("2 submitted again (new jobs 12, 13)");
    expect(outcome.created).toEqual(["12", "13"]);
    expect(outcome.succeeded).toEqual(["7", "8"]);
  });

  it("explains a delete refused because the job runs, and jobs that are gone", () => {
    const outcome = summarizeOutcome("delete", ["5", "6"], [
      { __typename: "JobNotDeletable", id: "5", status: "RUNNING",
        message: "Job 5 cannot be deleted: it is running." },
      { __typename: "JobNotFound", id: "6", message: "Job 6 does not exist (it may have been deleted)." },
    ]);
    expect(outcome.summary).toBe(
      "2 could not be deleted: job 5 is still running (cancel it and wait until it stops); "
      + "job 6 no longer exists");
    expect(outcome.tone).toBe("failure");
  });

  it("passes the server's words on for refusals by role and invalid stored parameters", () => {
    const outcome = summarizeOutcome("resubmit", ["3", "4"], [
      { __typename: "NotAllowed", jobId: "3", message: "You may not resubmit job 3." },
      { __typename: "ValidationError", field: "params.team", jobId: "4",
        message: "No employee belongs to team 'Gone'." },
    ]);
    expect(outcome.failures.map((failure) => failure.reason)).toEqual([
      "you may not resubmit job 3",
      "job 4: no employee belongs to team 'Gone'",
    ]);
  });

  it("passes on why a job type's policy refused the copy's start time", () => {
    const message = "REPORT jobs start at the next 02:00 (UTC); an administrator does not let "
      + "users choose another start time. Submit without settings.startAt.";
    const outcome = summarizeOutcome("resubmit", ["5"], [
      { __typename: "SettingsOverrideNotAllowed", field: "settings.startAt", jobType: "REPORT",
        jobId: "5", message },
    ]);
    expect(outcome.tone).toBe("failure");
    expect(outcome.summary).toBe(
      "1 could not be submitted again: job 5: REPORT jobs start at the next 02:00 (UTC); an "
      + "administrator does not let users choose another start time. Submit without settings.startAt");
    expect(outcome.failures.map((failure) => failure.message)).toEqual([message]);
  });

  it("passes on why a waiting job of the same level kept its place", () => {
    const message = "Job 12 (OPTIMIZATION on level 3) is waiting to start and is protected from "
      + "being replaced. Cancel it first, or submit again once it has started.";
    const outcome = summarizeOutcome("resubmit", ["7"], [
      { __typename: "WaitingJobProtected", waitingJobId: "12", message },
    ]);
    expect(outcome.summary).toBe(
      "1 could not be submitted again: job 7: job 12 (OPTIMIZATION on level 3) is waiting to "
      + "start and is protected from being replaced. Cancel it first, or submit again once it "
      + "has started");
    expect(outcome.failures.map((failure) => failure.message)).toEqual([message]);
  });

  it("counts a job named twice once: the repeat points at the first mention", () => {
    const outcome = summarizeOutcome("delete", ["9", "9"], [
      { __typename: "DeletedJob", id: "9" },
      { __typename: "DuplicateJobId", id: "9", duplicateOf: 0,
        message: "Job 9 was given before: duplicate of position 0, acted on once." },
    ]);
    expect(outcome).toMatchObject({ summary: "1 deleted", tone: "success", failures: [] });
    expect(outcome.items).toHaveLength(1);
  });

  it("reports every job done as a success", () => {
    const outcome = summarizeOutcome("delete", ["9"], [{ __typename: "DeletedJob", id: "9" }]);
    expect(outcome).toMatchObject({ summary: "1 deleted", tone: "success", failures: [] });
  });
});
