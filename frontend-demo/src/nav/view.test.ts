import { describe, expect, it } from "vitest";
import { hrefOf, placeOf } from "./location";
import { apiFilter, DEFAULT_VIEW, parseView, viewQuery } from "./view";

describe("the overview's address", () => {
  it("is empty for the default view: every job, newest first", () => {
    expect(viewQuery(DEFAULT_VIEW)).toBe("");
    expect(parseView("")).toEqual(DEFAULT_VIEW);
  });

  it("holds every filter, the sort order, the page size and page, and reads back the same", () => {
    const view = { ...DEFAULT_VIEW, q: "base", type: "OPTIMIZATION", status: "FAILED" as const,
                   user: "3", level: "2", since: "7d" as const,
                   order: { field: "SUBMITTED_AT" as const, direction: "ASC" as const },
                   size: 50, after: "abc" };
    const query = viewQuery(view);
    expect(query).toBe("q=base&type=OPTIMIZATION&status=FAILED&user=3&level=2&since=7d"
      + "&sort=SUBMITTED_AT&size=50&after=abc");
    expect(parseView(query)).toEqual(view);
  });

  it("falls back to the defaults for what it cannot read", () => {
    expect(parseView("status=BOGUS&sort=-NOPE&size=7&user=x&since=forever"))
      .toEqual(DEFAULT_VIEW);
  });

  it("opens a job's dialog at /jobs/{id}, over the same view", () => {
    expect(placeOf({ pathname: "/jobs/42", search: "?status=FAILED" }))
      .toEqual({ jobId: "42", query: "status=FAILED" });
    expect(placeOf({ pathname: "/", search: "" })).toEqual({ jobId: null, query: "" });
    expect(hrefOf({ jobId: "42", query: "q=x" })).toBe("/jobs/42?q=x");
    expect(hrefOf({ jobId: null, query: "" })).toBe("/");
  });
});

describe("the API filter of a view", () => {
  const now = new Date("2026-12-02T12:00:00Z");

  it("asks for one status, or a group", () => {
    expect(apiFilter({ ...DEFAULT_VIEW, status: "FAILED" }, now)).toEqual({ statuses: ["FAILED"] });
    expect(apiFilter({ ...DEFAULT_VIEW, status: "UNPROCESSED" }, now)).toEqual({ statusGroup: "UNPROCESSED" });
  });

  it("searches, and narrows by type, user, level or period and time", () => {
    expect(apiFilter({ ...DEFAULT_VIEW, q: " base ", type: "REPORT", user: "3", period: "1",
                       since: "1h" }, now)).toEqual({
      statusGroup: "ALL", search: "base", types: ["REPORT"], userIds: ["3"],
      planningPeriodIds: ["1"], submittedFrom: "2026-12-02T11:00:00.000Z",
    });
  });
});
