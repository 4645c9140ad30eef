import type { ReactNode } from 'react';

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Pretty-printed JSON with light syntax colouring (no dependencies, text stays selectable). */
export function JsonView({ value, label }: { value: unknown; label?: string }) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  return (
    <pre className="json" tabIndex={0} aria-label={label ?? 'JSON'}>
      <code>{highlight(text)}</code>
    </pre>
  );
}

function highlight(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) out.push(text.slice(last, index));
    const [whole, str, colon, literal, num] = match;
    if (str !== undefined) {
      out.push(
        <span key={index} className={colon ? 'json__key' : 'json__string'}>
          {str}
        </span>,
      );
      if (colon) out.push(colon);
    } else if (literal !== undefined) {
      out.push(<span key={index} className="json__literal">{literal}</span>);
    } else if (num !== undefined) {
      out.push(<span key={index} className="json__number">{num}</span>);
    } else {
      out.push(whole);
    }
    last = index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
