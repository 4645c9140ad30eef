interface PagerProps {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy: boolean;
}

export function Pager({ page, hasPrevious, hasNext, onPrevious, onNext, busy }: PagerProps) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="btn btn--small" onClick={onPrevious} disabled={!hasPrevious || busy}>
        ← Previous page
      </button>
      <span className="pager__page" aria-live="polite">
        Page {page}
      </span>
      <button type="button" className="btn btn--small" onClick={onNext} disabled={!hasNext || busy}>
        Next page →
      </button>
    </nav>
  );
}
