import { describe, expect, it } from "vitest";
import { currentAfter, FIRST_PAGE, isFirstPage, nextPage, pageNumber, previousPage } from "./paging";

describe("keyset paging", () => {
  it("reads the first page without a cursor", () => {
    expect(currentAfter(FIRST_PAGE)).toBeNull();
    expect(pageNumber(FIRST_PAGE)).toBe(1);
    expect(isFirstPage(FIRST_PAGE)).toBe(true);
  });

  it("goes forward after each page's end cursor and back the same way", () => {
    const second = nextPage(FIRST_PAGE, "c25");
    const third = nextPage(second, "c50");
    expect(currentAfter(third)).toBe("c50");
    expect(pageNumber(third)).toBe(3);
    expect(currentAfter(previousPage(third))).toBe("c25");
    expect(currentAfter(previousPage(previousPage(third)))).toBeNull();
  });

  it("stays on the first page when asked for the one before it", () => {
    expect(previousPage(FIRST_PAGE)).toBe(FIRST_PAGE);
  });
});
