/** Newer/older paging of a list read with `offset` and `limit` (event log, chat history). */
export function Pager(props: {
  label: string;
  offset: number;
  /** Items on this page. */
  count: number;
  pageSize: number;
  hasNext: boolean;
  onOffset: (offset: number) => void;
  /** Test ids: `<testPrefix>-prev`, `<testPrefix>-next`. */
  testPrefix: string;
}) {
  const { offset, count, pageSize, hasNext, onOffset, testPrefix } = props;
  if (offset === 0 && !hasNext) return null;
  return (
    <nav class="pager" aria-label={props.label}>
      <button
        type="button"
        class="btn small"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - pageSize))}
        data-testid={`${testPrefix}-prev`}
      >
        ← Newer
      </button>
      <span class="muted">
        {offset + 1}–{offset + count}
      </span>
      <button
        type="button"
        class="btn small"
        disabled={!hasNext}
        onClick={() => onOffset(offset + pageSize)}
        data-testid={`${testPrefix}-next`}
      >
        Older →
      </button>
    </nav>
  );
}
