import { describe, expect, it } from "vitest";
import { makePolicy } from "../testing";
import {
  defaultSettings, defaultStartLabel, defaultStartSummary, localInputValue, settingsError,
  settingsInput,
} from "./settings";

const NOW = new Date(2026, 0, 31, 8, 20);

describe("run settings", () => {
  it("follow the job type's policy by default and suggest the next full hour for a chosen start", () => {
    expect(defaultSettings(NOW)).toEqual({ mode: "default", at: "2026-01-31T09:00" });
    expect(settingsInput(defaultSettings(NOW))).toBeNull();
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

describe("the policy's default start", () => {
  it("reads 'Start now' for job types that start at once", () => {
    expect(defaultStartLabel(makePolicy())).toBe("Start now");
    expect(defaultStartSummary(makePolicy())).toBe("As soon as possible");
  });

  it("names the delay or the daily time an administrator set", () => {
    expect(defaultStartLabel(makePolicy({ start: "DELAYED", delayMinutes: 90 })))
      .toBe("Start 90 minutes after submitting");
    expect(defaultStartLabel(makePolicy({ start: "DELAYED", delayMinutes: 120 })))
      .toBe("Start 2 hours after submitting");
    const nightly = makePolicy({ start: "DAILY_AT", timeOfDay: "02:00", timezone: "Europe/Berlin" });
    expect(defaultStartLabel(nightly)).toBe("Start at the next 02:00 (Europe/Berlin)");
    expect(defaultStartSummary(nightly)).toBe("At the next 02:00 (Europe/Berlin) (set by an administrator)");
  });

  it("protect a job on a schedule level from being replaced while it waits, unless allowed", () => {
    const settings = defaultSettings(NOW, true);
    expect(settingsInput(settings)).toEqual({ overwrite: "PROTECT" });
    expect(settingsInput({ ...settings, overwrite: "ALLOW" })).toEqual({ overwrite: "ALLOW" });
    expect(settingsInput(defaultSettings(NOW))).toBeNull();
  });
});
