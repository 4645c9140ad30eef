import { useId } from 'react';
import { TOKEN_TTL } from '@rested/shared';
import { formatTtl, TTL_UNITS, ttlSeconds, type TtlUnit } from '../../lib/format';

export interface TtlValue {
  value: string;
  unit: TtlUnit;
}

export function ttlProblem({ value, unit }: TtlValue): string | null {
  const seconds = ttlSeconds(value, unit);
  if (!value.trim() || !Number.isInteger(seconds)) return 'Enter a whole number.';
  if (seconds < TOKEN_TTL.min || seconds > TOKEN_TTL.max) {
    return `Use between ${formatTtl(TOKEN_TTL.min)} and ${formatTtl(TOKEN_TTL.max)}.`;
  }
  return null;
}

interface TtlFieldProps {
  value: TtlValue;
  onChange: (value: TtlValue) => void;
  serverError?: string | undefined;
}

/** Access-token lifetime as a number plus a unit; the API takes seconds. */
export function TtlField({ value, onChange, serverError }: TtlFieldProps) {
  const id = useId();
  const error = ttlProblem(value) ?? serverError;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        Access-token lifetime
      </label>
      <div className="inline-inputs">
        <input
          id={id}
          className="input input--narrow"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={value.value}
          onChange={(e) => onChange({ ...value, value: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
        <select
          className="input input--narrow"
          aria-label="Lifetime unit"
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: e.target.value as TtlUnit })}
        >
          {TTL_UNITS.map((u) => (
            <option key={u.unit} value={u.unit}>
              {u.unit}
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        How long an end user stays logged in after login: {formatTtl(TOKEN_TTL.min)} to {formatTtl(TOKEN_TTL.max)}{' '}
        (default {formatTtl(TOKEN_TTL.default)}).
      </p>
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
