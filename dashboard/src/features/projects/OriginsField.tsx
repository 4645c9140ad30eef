import { splitOrigins, validateOrigin } from '@rested/shared';
import { TextAreaField } from '../../components/Field';

/** One origin per line (commas also split), trimmed, empties dropped. */
export function parseOrigins(text: string): string[] {
  return splitOrigins(text) ?? [];
}

/** Problems with the entries, one message per invalid line. */
export function originProblems(text: string): string[] {
  return parseOrigins(text)
    .map((entry) => validateOrigin(entry))
    .filter((problem): problem is string => problem !== null);
}

interface OriginsFieldProps {
  value: string;
  onChange: (value: string) => void;
  serverError?: string | undefined;
}

export function OriginsField({ value, onChange, serverError }: OriginsFieldProps) {
  const problems = originProblems(value);
  const count = parseOrigins(value).length;
  return (
    <TextAreaField
      label="Allowed origins"
      name="allowedOrigins"
      rows={4}
      className="input--mono"
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      placeholder={'https://app.example.com\nhttp://localhost:5173'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={
        <>
          One origin per line, like <code>https://app.example.com</code>, <code>http://localhost:5173</code> or{' '}
          <code>https://*.example.com</code>; no path.{' '}
          <strong>{count === 0 ? 'The list is empty, so every origin is allowed.' : 'An empty list allows every origin.'}</strong>
        </>
      }
      error={problems.length > 0 ? problems.join('\n') : serverError}
    />
  );
}
