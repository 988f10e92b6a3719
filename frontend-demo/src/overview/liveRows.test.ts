import { describe, expect, it } from "vitest";
import type { Job, JobEvent, JobOrder } from "../api/model";
import { makeJob } from "../testing";
import { applyJobEvent, belongsInPage, compareJobs, type PageWindow } from "./liveRows";

const NEWEST_FIRST: JobOrder = { field: "ID", direction: "DESC" };
const firstPage: PageWindow = { order: NEWEST_FIRST, isFirstPage: true, hasNextPage: true };

function event(kind: JobEvent["kind"], job: Job, matchesFilter = true): JobEvent {
  return { kind, job, matchesFilter };
}

const ids = (rows: Job[]) => rows.map((row) => row.id);

describe("compareJobs", () => {
  it("sorts by the column, then by id in the same direction", () => {
    const a = makeJob({ id: "1", type: "REPORT" });
    const b = makeJob({ id: "2", type: "REPORT" });
    const c = makeJob({ id: "3", type: "EMPLOYEES_MASS_UPDATE" });
    const sorted = [a, b, c].sort((x, y) => compareJobs(x, y, { field: "TYPE", direction: "ASC" }));
    expect(ids(sorted)).toEqual(["3", "1", "2"]);
  });

  it("puts jobs not started after every start time, as the API does", () => {
    const started = makeJob({ id: "1", startedAt: "2026-01-31T08:00:00Z" });
    const waiting = makeJob({ id: "2", startedAt: null });
    expect(compareJobs(started, waiting, { field: "STARTED_AT", direction: "ASC" })).toBeLessThan(0);
    expect(compareJobs(started, waiting, { field: "STARTED_AT", direction: "DESC" })).toBeGreaterThan(0);
  });
});

describe("applyJobEvent", () => {
  const rows = [makeJob({ id: "30" }), makeJob({ id: "20" }), makeJob({ id: "10" })];

  it("counts a new job of this page instead of pushing the rows under the pointer", () => {
    const page = applyJobEvent({ rows, unseen: 0 }, event("CREATED", makeJob({ id: "31" })), firstPage);
    expect(ids(page.rows)).toEqual(["30", "20", "10"]);
    expect(page.unseen).toBe(1);
  });

  it("shows the viewer's own new job at once, where the sort puts it", () => {
    const mine = makeJob({ id: "31" });
    const page = applyJobEvent({ rows, unseen: 0 }, event("CREATED", mine),
                               { ...firstPage, viewerId: mine.user.id });
    expect(ids(page.rows)).toEqual(["31", "30", "20", "10"]);
    expect(page.unseen).toBe(0);
  });

  it("counts a new job that belongs to another page instead of showing it", () => {
    const later: PageWindow = { order: NEWEST_FIRST, isFirstPage: false, hasNextPage: true };
    const page = applyJobEvent({ rows, unseen: 0 }, event("CREATED", makeJob({ id: "31" })), later);
    expect(ids(page.rows)).toEqual(["30", "20", "10"]);
    expect(page.unseen).toBe(1);
  });

  it("moves a changed job to where the sort puts it", () => {
    const running = makeJob({ id: "20", status: "RUNNING", attempt: 1, progress: 0.5, version: 3 });
    const page = applyJobEvent({ rows, unseen: 0 }, event("UPDATED", running),
                               { order: { field: "PROGRESS", direction: "DESC" }, isFirstPage: true,
                                 hasNextPage: false });
    expect(ids(page.rows)).toEqual(["20", "30", "10"]);
    expect(page.rows[0]).toBe(running);
  });

  it("lets a changed job go when it now sorts onto another page", () => {
    const byProgress: PageWindow = { order: { field: "PROGRESS", direction: "ASC" },
                                     isFirstPage: true, hasNextPage: true };
    const running = makeJob({ id: "20", status: "RUNNING", attempt: 1, progress: 0.9, version: 3 });
    const page = applyJobEvent({ rows, unseen: 0 }, event("UPDATED", running), byProgress);
    expect(ids(page.rows)).toEqual(["30", "10"]);
  });

  it("ignores an event older than the state shown", () => {
    const newer = makeJob({ id: "20", status: "RUNNING", attempt: 1, progress: 0.8, version: 6 });
    const older = makeJob({ id: "20", status: "RUNNING", attempt: 1, progress: 0.3, version: 4 });
    const start = { rows: [rows[0]!, newer, rows[2]!], unseen: 0 };
    expect(applyJobEvent(start, event("UPDATED", older), firstPage)).toBe(start);
  });

  it("removes a deleted job and one that left the filter", () => {
    let page = applyJobEvent({ rows, unseen: 0 }, event("DELETED", rows[0]!, false), firstPage);
    page = applyJobEvent(page, event("UPDATED", makeJob({ id: "10", status: "COMPLETED" }), false), firstPage);
    expect(ids(page.rows)).toEqual(["20"]);
  });

  it("counts a job that came into this page's stretch of the list instead of inserting it", () => {
    const byStatus: PageWindow = { order: { field: "STATUS", direction: "ASC" }, isFirstPage: true,
                                   hasNextPage: true };
    const shown = [makeJob({ id: "1", status: "CANCELLED" }), makeJob({ id: "2", status: "RUNNING" })];
    const moved = makeJob({ id: "9", status: "FAILED", attempt: 1 });
    const page = applyJobEvent({ rows: shown, unseen: 0 }, event("UPDATED", moved), byStatus);
    expect(ids(page.rows)).toEqual(["1", "2"]);
    expect(page.unseen).toBe(1);
  });
});

describe("belongsInPage", () => {
  it("lets an empty last page take any job, an empty page with more after it none", () => {
    const job = makeJob({ id: "5" });
    expect(belongsInPage(job, [], { ...firstPage, hasNextPage: false })).toBe(true);
    expect(belongsInPage(job, [], { ...firstPage, isFirstPage: false })).toBe(false);
  });
});
