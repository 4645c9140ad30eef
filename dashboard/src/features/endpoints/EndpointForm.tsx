import { useState, type FormEvent } from 'react';
import type { AccessOptions, Endpoint } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CheckboxField, TextAreaField } from '../../components/Field';
import type { EndpointInput } from '../../api/console';
import { formLevelError, serverFieldError } from '../../lib/form-errors';
import { AccessFields } from './AccessFields';
import { EndpointNameField, endpointNameProblem } from './EndpointNameField';
import { FileLimitFields, fileLimitProblems, fileLimits, fileLimitsText } from './FileLimitFields';
import { KindField, kindOf, type EndpointKind } from './KindField';

const NO_ACCESS: AccessOptions = { readOthers: false, updateOthers: false, deleteOthers: false };

interface EndpointFormProps {
  /** The endpoint being edited; absent when creating. */
  initial?: Endpoint;
  takenNames: readonly string[];
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onChange?: () => void;
  onSubmit: (input: EndpointInput) => void;
  autoFocus?: boolean;
}

export function EndpointForm({ initial, takenNames, submitLabel, pendingLabel, pending, error, onChange, onSubmit, autoFocus }: EndpointFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [kind, setKind] = useState<EndpointKind>(initial ? kindOf(initial) : 'data');
  const [limits, setLimits] = useState(fileLimitsText(initial?.maxFileBytes, initial?.allowedTypes));
  const auth = kind === 'auth';
  const [secure, setSecure] = useState(initial?.secure ?? false);
  const [requireVerifiedEmail, setRequireVerifiedEmail] = useState(initial?.requireVerifiedEmail ?? false);
  const [access, setAccess] = useState<AccessOptions>(initial?.access ?? NO_ACCESS);
  const [submitted, setSubmitted] = useState(false);
  const changed = <T,>(set: (v: T) => void) => (value: T) => {
    set(value);
    onChange?.();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (endpointNameProblem(name, takenNames)) return;
    if (kind === 'files' && Object.keys(fileLimitProblems(limits)).length > 0) return;
    const input: EndpointInput = { name, description: description.trim() };
    if (!initial) Object.assign(input, { auth, files: kind === 'files' });
    if (kind === 'files') Object.assign(input, fileLimits(limits));
    if (!auth) Object.assign(input, { secure, access: secure ? access : NO_ACCESS });
    else input.requireVerifiedEmail = requireVerifiedEmail;
    onSubmit(input);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <ErrorAlert error={formLevelError(error, ['name', 'maxFileBytes', 'allowedTypes'])} />
      <EndpointNameField
        value={name}
        onChange={changed(setName)}
        takenNames={takenNames}
        showErrors={submitted}
        serverError={serverFieldError(error, 'name')}
        autoFocus={autoFocus}
      />
      {initial && name !== initial.name ? (
        <p className="note note--warn">Apps calling the old name ({initial.name}) will stop working after you save.</p>
      ) : null}
      <TextAreaField
        label="Description (optional)"
        name="description"
        rows={2}
        value={description}
        onChange={(e) => changed(setDescription)(e.target.value)}
        error={serverFieldError(error, 'description')}
      />
      <KindField kind={kind} onChange={changed(setKind)} locked={Boolean(initial)} />
      {kind === 'files' ? (
        <FileLimitFields
          value={limits}
          onChange={changed(setLimits)}
          showErrors={submitted}
          serverErrors={{ maxFileBytes: serverFieldError(error, 'maxFileBytes'), allowedTypes: serverFieldError(error, 'allowedTypes') }}
        />
      ) : null}
      {!auth ? (
        <CheckboxField
          label="Secure"
          hint="Records can be reached only with a user's access token from an auth endpoint of this project (or the master key)."
          checked={secure}
          onChange={(e) => changed(setSecure)(e.target.checked)}
        />
      ) : null}
      {auth ? (
        <CheckboxField
          label="Require a verified email"
          hint="Login answers 403 email_not_verified until the user has confirmed a verification email (verifyemail=true)."
          checked={requireVerifiedEmail}
          onChange={(e) => changed(setRequireVerifiedEmail)(e.target.checked)}
        />
      ) : null}
      {!auth && secure ? <AccessFields value={access} onChange={changed(setAccess)} /> : null}
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
