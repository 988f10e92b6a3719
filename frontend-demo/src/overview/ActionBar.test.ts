import { describe, expect, it } from "vitest";
import { refusal, selectionHint } from "../jobs/rights";
import { makeJob } from "../testing";

const ME = "1";
const someoneElse = { id: "2", username: "planner2", name: "Pat Planner" };

describe("why an action button is off", () => {
  it("names a finished job as finished, not as a matter of the role", () => {
    const done = makeJob({ id: "7", status: "COMPLETED", viewerCanCancel: false, user: someoneElse });
    expect(selectionHint([done], "cancel", ME)).toBe("Job 7 already finished");
  });

  it("says the job is another user's when the role may not touch others' jobs", () => {
    const theirs = makeJob({ id: "8", status: "COMPLETED", viewerCanDelete: false, user: someoneElse });
    expect(refusal(theirs, "delete", ME)?.text)
      .toBe("Job 8 is Pat Planner's: your role may not delete other users' jobs");
  });

  it("says the role forbids it when the job is the viewer's own", () => {
    const mine = makeJob({ id: "9", status: "RUNNING", viewerCanCancel: false });
    expect(selectionHint([mine], "cancel", ME)).toBe("Your role may not cancel jobs");
  });

  it("tells a running job to be cancelled before it is deleted", () => {
    expect(selectionHint([makeJob({ id: "5", status: "RUNNING" })], "delete", ME))
      .toBe("Job 5 is running: cancel it and wait until it stops");
  });

  it("counts the selected jobs it will act on, and why not the others", () => {
    const mine = makeJob({ status: "COMPLETED" });
    const running = makeJob({ status: "RUNNING" });
    expect(selectionHint([mine, running], "delete", ME)).toBe("1 of 2 selected jobs (1 still running)");
    expect(selectionHint([running, makeJob({ status: "CANCELLING" })], "delete", ME))
      .toBe("These jobs are running: cancel them and wait until they stop");
    expect(selectionHint([running, makeJob({ status: "COMPLETED", viewerCanDelete: false, user: someoneElse })],
                         "delete", ME)).toBe("None of the 2 selected jobs: 1 still running, 1 is another user's");
  });
});
