import { describe, expect, it } from "vitest";
import { isOlder } from "./status";

describe("isOlder", () => {
  it("orders one run's snapshots by status, then progress", () => {
    expect(isOlder({ status: "RUNNING", attempt: 1, progress: 0.2 },
                   { status: "RUNNING", attempt: 1, progress: 0.5 })).toBe(true);
    expect(isOlder({ status: "RUNNING", attempt: 1, progress: 0.9 },
                   { status: "COMPLETED", attempt: 1, progress: 1 })).toBe(true);
    expect(isOlder({ status: "COMPLETED", attempt: 1, progress: 1 },
                   { status: "RUNNING", attempt: 1, progress: 0.9 })).toBe(false);
  });

  it("counts a later attempt as newer than anything of an earlier one", () => {
    expect(isOlder({ status: "SUBMITTED", attempt: 1, progress: 0.7 },
                   { status: "RUNNING", attempt: 2, progress: 0 })).toBe(true);
  });

  it("counts a withdrawn job as newer than its waiting state", () => {
    expect(isOlder({ status: "SUBMITTED", attempt: 0, progress: 0 },
                   { status: "CANCELLED", attempt: 0, progress: 0 })).toBe(true);
  });

  it("does not call a snapshot older than itself", () => {
    const same = { status: "RUNNING" as const, attempt: 1, progress: 0.5 };
    expect(isOlder(same, same)).toBe(false);
  });
});
