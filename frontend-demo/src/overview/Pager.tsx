/** Previous / next page and the page size. */

interface Props {
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pageSize: number;
  pageSizes: readonly number[];
  onPageSize: (size: number) => void;
  shown: number;
}

export function Pager({ page, hasNext, onPrevious, onNext, pageSize, pageSizes, onPageSize,
                        shown }: Props) {
  const first = (page - 1) * pageSize + 1;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="button" onClick={onPrevious} disabled={page === 1}>‹ Previous</button>
      <span class="pager__where" aria-live="polite">
        Page {page}{shown > 0 ? ` · jobs ${first}–${first + shown - 1}` : ""}
      </span>
      <button type="button" class="button" onClick={onNext} disabled={!hasNext}>Next ›</button>
      <label class="pager__size">
        <span class="visually-hidden">Jobs per page</span>
        <select class="input" value={pageSize}
                onChange={(event) => onPageSize(Number(event.currentTarget.value))}>
          {pageSizes.map((size) => <option key={size} value={size}>{size} per page</option>)}
        </select>
      </label>
    </nav>
  );
}
