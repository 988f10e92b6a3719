import { describe, expect, it } from "vitest";
import { localInputValue, settingsError, settingsInput, startNow } from "./settings";

const NOW = new Date(2026, 0, 31, 8, 20);

describe("run settings", () => {
  it("start now by default and suggest the next full hour for a later start", () => {
    expect(startNow(NOW)).toEqual({ mode: "now", at: "2026-01-31T09:00" });
    expect(settingsInput(startNow(NOW))).toBeNull();
  });

  it("send a chosen time as an instant with its zone", () => {
    const at = localInputValue(new Date(2026, 0, 31, 10, 30));
    expect(settingsInput({ mode: "at", at })).toEqual({
      startAt: new Date(2026, 0, 31, 10, 30).toISOString(),
    });
  });

  it("refuse a missing or past time", () => {
    expect(settingsError({ mode: "at", at: "" }, NOW)).toBe("Choose the date and time to start at.");
    expect(settingsError({ mode: "at", at: "2026-01-31T08:00" }, NOW))
      .toBe("Choose a time in the future, or start now.");
    expect(settingsError({ mode: "at", at: "2026-01-31T09:00" }, NOW)).toBeNull();
  });
});
