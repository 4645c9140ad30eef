import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';

interface CopyButtonProps {
  text: string;
  /** Accessible name, e.g. "Copy API key". */
  label?: string;
  className?: string;
}

export function CopyButton({ text, label = 'Copy', className = '' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 1800);
    return () => window.clearTimeout(timer);
  }, [state]);

  const onClick = async () => setState((await copyText(text)) ? 'copied' : 'failed');
  const shown = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy';
  return (
    <button type="button" className={`btn btn--small ${className}`} onClick={onClick} aria-label={label}>
      {shown}
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
    </button>
  );
}
