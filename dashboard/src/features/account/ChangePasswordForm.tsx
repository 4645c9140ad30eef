import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changePassword } from '../../api/account';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/Field';
import { formLevelError, serverFieldError } from '../../lib/form-errors';
import { validateNewPassword } from '../auth/validate-credentials';
import { SavedNote } from '../settings/SavedNote';
import { OWN_SESSIONS_KEY } from './OwnSessions';

/** Change the password: the current one is required; every other session of the owner ends. */
export function ChangePasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setSubmitted(false);
      void client.invalidateQueries({ queryKey: OWN_SESSIONS_KEY });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (current && !validateNewPassword(next)) change.mutate();
  };
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <h2 id="password-title" className="card__title">
        Change password
      </h2>
      <ErrorAlert error={formLevelError(change.error, ['currentPassword', 'newPassword'])} />
      <TextField label="Current password" type="password" name="currentPassword" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={(submitted && !current ? 'Enter your current password.' : null) ?? serverFieldError(change.error, 'currentPassword')} />
      <TextField label="New password" type="password" name="newPassword" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={(submitted ? validateNewPassword(next) : null) ?? serverFieldError(change.error, 'newPassword')} />
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={change.isPending}>
          {change.isPending ? 'Saving…' : 'Change password'}
        </button>
        <SavedNote show={change.isSuccess} />
      </div>
    </form>
  );
}
