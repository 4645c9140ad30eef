export function SavedNote({ show }: { show: boolean }) {
  return (
    <span className="saved" role="status" aria-live="polite">
      {show ? 'Saved ✓' : ''}
    </span>
  );
}
