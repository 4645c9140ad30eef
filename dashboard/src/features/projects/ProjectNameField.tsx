import { useEffect, useRef } from 'react';
import { PROJECT_NAME_RULES, validateProjectName } from '@rested/shared';
import { TextField } from '../../components/Field';

interface ProjectNameFieldProps {
  value: string;
  onChange: (value: string) => void;
  showErrors: boolean;
  serverError?: string | undefined;
  autoFocus?: boolean;
}

export function ProjectNameField({ value, onChange, showErrors, serverError, autoFocus }: ProjectNameFieldProps) {
  const problem = showErrors || value ? validateProjectName(value) : null;
  // Focus when asked, also when asked only after mount (e.g. once the project list turns out empty).
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  return (
    <TextField
      label="Project name"
      name="name"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={PROJECT_NAME_RULES}
      error={problem ?? serverError}
      inputRef={ref}
    />
  );
}
