import { ENDPOINT_NAME_RULES, RUNTIME_PREFIX, validateEndpointName } from '@rested/shared';
import { TextField } from '../../components/Field';

/** Client-side check: the shared rules, plus uniqueness against the endpoints already loaded. */
export function endpointNameProblem(name: string, takenNames: readonly string[]): string | null {
  return validateEndpointName(name) ?? (takenNames.includes(name) ? 'An endpoint with this name already exists in this project.' : null);
}

interface EndpointNameFieldProps {
  value: string;
  onChange: (value: string) => void;
  takenNames: readonly string[];
  showErrors: boolean;
  serverError?: string | undefined;
  autoFocus?: boolean;
}

export function EndpointNameField({ value, onChange, takenNames, showErrors, serverError, autoFocus }: EndpointNameFieldProps) {
  const problem = showErrors || value ? endpointNameProblem(value, takenNames) : null;
  return (
    <TextField
      label="Endpoint name"
      name="name"
      autoComplete="off"
      autoCapitalize="off"
      spellCheck={false}
      placeholder="e.g. todos or examples/auth"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={
        <>
          {ENDPOINT_NAME_RULES} Called at <code>{`${RUNTIME_PREFIX}/${value || '<name>'}`}</code>.
        </>
      }
      error={problem ?? serverError}
      autoFocus={autoFocus}
    />
  );
}
