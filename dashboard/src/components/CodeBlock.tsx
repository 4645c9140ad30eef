import { CopyButton } from './CopyButton';

interface CodeBlockProps {
  code: string;
  /** Accessible name for the block and its copy button, e.g. "login with fetch". */
  label: string;
  testId?: string;
  hidden?: boolean;
}

export function CodeBlock({ code, label, testId, hidden = false }: CodeBlockProps) {
  return (
    <div className="code" hidden={hidden}>
      <pre className="code__pre" tabIndex={0} aria-label={`Code: ${label}`}>
        <code data-testid={testId}>{code}</code>
      </pre>
      <CopyButton text={code} label={`Copy ${label}`} className="code__copy" />
    </div>
  );
}
