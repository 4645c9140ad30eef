import { CopyButton } from './CopyButton';

interface CodeBlockProps {
  code: string;
  /** Accessible name for the block and its copy button, e.g. "Log in with fetch". */
  label: string;
  /** Short caption in the block's bar, e.g. the language. */
  caption?: string;
  testId?: string;
  hidden?: boolean;
}

export function CodeBlock({ code, label, caption, testId, hidden = false }: CodeBlockProps) {
  return (
    <div className="code" hidden={hidden}>
      <div className="code__bar">
        <span className="code__caption">{caption}</span>
        <CopyButton text={code} label={`Copy ${label}`} className="code__copy" />
      </div>
      <pre className="code__pre" tabIndex={0} aria-label={`Code: ${label}`}>
        <code data-testid={testId}>{code}</code>
      </pre>
    </div>
  );
}
