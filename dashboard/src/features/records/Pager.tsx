import type { useCursorPages } from './use-cursor-pages';

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

/** The pager of a browser that walks cursor pages (useCursorPages), shown once there is more than one page. */
export function CursorPager({ pages, next, busy }: { pages: ReturnType<typeof useCursorPages>; next: string | null | undefined; busy: boolean }) {
  if (!pages.hasPrevious && !next) return null;
  return (
    <Pager
      page={pages.page}
      hasPrevious={pages.hasPrevious}
      hasNext={Boolean(next)}
      onPrevious={pages.previous}
      onNext={() => next && pages.next(next)}
      busy={busy}
    />
  );
}
