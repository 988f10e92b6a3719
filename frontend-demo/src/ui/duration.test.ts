import { describe, expect, it } from "vitest";
import { formatSeconds } from "./duration";

describe("formatSeconds", () => {
  it("shows short runs to a tenth of a second and long ones in minutes and hours", () => {
    expect(formatSeconds(0.42)).toBe("0.4 s");
    expect(formatSeconds(12.4)).toBe("12 s");
    expect(formatSeconds(185)).toBe("3 min 5 s");
    expect(formatSeconds(120)).toBe("2 min");
    expect(formatSeconds(7800)).toBe("2 h 10 min");
  });

  it("shows a dash for what is not a duration", () => {
    expect(formatSeconds(Number.NaN)).toBe("–");
    expect(formatSeconds(-1)).toBe("–");
  });
});
