import { describe, expect, it } from "vitest";
import { isOlder } from "./status";

describe("isOlder", () => {
  it("orders one job's snapshots by their version", () => {
    expect(isOlder({ version: 3 }, { version: 7 })).toBe(true);
    expect(isOlder({ version: 7 }, { version: 3 })).toBe(false);
  });

  it("does not call a snapshot older than itself", () => {
    expect(isOlder({ version: 5 }, { version: 5 })).toBe(false);
  });
});
