import { describe, expect, it } from "vitest";
import { makeJob } from "../testing";
import { actionHint } from "./ActionBar";

const DELETE = { refused: (jobs: string) => `delete ${jobs}`, done: "deleted" };

describe("an action button's tooltip", () => {
  it("says when the viewer's role forbids the action on every selected job", () => {
    const others = makeJob({ status: "COMPLETED", viewerCanDelete: false });
    expect(actionHint([others], "delete", 0, DELETE)).toBe("Your role may not delete this job");
  });

  it("says when the jobs' status forbids it", () => {
    const running = makeJob({ status: "RUNNING" });
    expect(actionHint([running], "delete", 0, DELETE)).toBe("None of the selected jobs can be deleted");
  });

  it("counts the selected jobs it will act on", () => {
    const mine = makeJob({ status: "COMPLETED" });
    const others = makeJob({ status: "COMPLETED", viewerCanDelete: false });
    expect(actionHint([mine, others], "delete", 1, DELETE)).toBe("1 of 2 selected jobs can be deleted");
  });
});
