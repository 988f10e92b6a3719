/**
 * Keyset paging through the overview: the API pages forward with `after: endCursor`, so
 * going back means remembering the cursor each earlier page was read with.
 */

export interface Paging {
  /** The `after` cursor of each page visited, the current page last (`null`: the first). */
  readonly afters: readonly (string | null)[];
}

export const FIRST_PAGE: Paging = { afters: [null] };

/** The `after` argument that reads the current page. */
export function currentAfter(paging: Paging): string | null {
  return paging.afters[paging.afters.length - 1] ?? null;
}

/** The page after the current one, read after its last row's cursor. */
export function nextPage(paging: Paging, endCursor: string): Paging {
  return { afters: [...paging.afters, endCursor] };
}

/** The page before the current one (the first page stays the first). */
export function previousPage(paging: Paging): Paging {
  return paging.afters.length > 1 ? { afters: paging.afters.slice(0, -1) } : paging;
}

/** 1 for the first page. */
export function pageNumber(paging: Paging): number {
  return paging.afters.length;
}

export function isFirstPage(paging: Paging): boolean {
  return paging.afters.length === 1;
}
