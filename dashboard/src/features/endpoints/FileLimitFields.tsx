import { ALLOWED_TYPES_RULES, DEFAULT_MAX_FILE_BYTES, normalizeMimePattern } from '@rested/shared';
import { TextField } from '../../components/Field';

const MIB = 1024 * 1024;

/** What the two inputs hold, as typed. */
export interface FileLimitsText {
  maxMiB: string;
  types: string;
}

export const fileLimitsText = (maxFileBytes = DEFAULT_MAX_FILE_BYTES, allowedTypes: readonly string[] = []): FileLimitsText => ({
  maxMiB: String(Math.round((maxFileBytes / MIB) * 1000) / 1000),
  types: allowedTypes.join(', '),
});

/** The problems of what was typed, by field; none when it can be sent. */
export function fileLimitProblems(text: FileLimitsText): { maxMiB?: string; types?: string } {
  const problems: { maxMiB?: string; types?: string } = {};
  const max = Number(text.maxMiB);
  if (!(max > 0) || !Number.isFinite(max)) problems.maxMiB = 'Give the largest file in MiB, more than 0.';
  const bad = splitTypes(text.types).find((t) => normalizeMimePattern(t) === null);
  if (bad !== undefined) problems.types = `"${bad}" is not a MIME type or pattern. ${ALLOWED_TYPES_RULES}`;
  return problems;
}

const splitTypes = (types: string) => types.split(/[\s,]+/).filter(Boolean);

/** The endpoint fields of what was typed (check fileLimitProblems first). */
export const fileLimits = (text: FileLimitsText) => ({
  maxFileBytes: Math.max(1, Math.round(Number(text.maxMiB) * MIB)),
  allowedTypes: splitTypes(text.types).map((t) => normalizeMimePattern(t)!),
});

interface FileLimitFieldsProps {
  value: FileLimitsText;
  onChange: (value: FileLimitsText) => void;
  showErrors: boolean;
  serverErrors: { maxFileBytes?: string | undefined; allowedTypes?: string | undefined };
}

export function FileLimitFields({ value, onChange, showErrors, serverErrors }: FileLimitFieldsProps) {
  const problems = showErrors ? fileLimitProblems(value) : {};
  return (
    <>
      <TextField
        label="Largest file (MiB)"
        name="maxFileMiB"
        inputMode="decimal"
        value={value.maxMiB}
        onChange={(e) => onChange({ ...value, maxMiB: e.target.value })}
        hint="At most the server's FILE_LIMIT (100 MiB unless the server sets another)."
        error={problems.maxMiB ?? serverErrors.maxFileBytes}
      />
      <TextField
        label="Allowed types (optional)"
        name="allowedTypes"
        placeholder="image/*, video/mp4, application/pdf"
        value={value.types}
        onChange={(e) => onChange({ ...value, types: e.target.value })}
        hint="Comma-separated MIME types or patterns; empty accepts any type."
        error={problems.types ?? serverErrors.allowedTypes}
      />
    </>
  );
}
