import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { confirmPasswordReset } from '../api/account';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/Field';
import { AuthShell } from '../features/auth/AuthShell';
import { validateNewPassword } from '../features/auth/validate-credentials';
import { serverFieldError } from '../lib/form-errors';

/** The page a reset link opens (mailed, or printed by `npm run owner -- reset-password`). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const confirm = useMutation({ mutationFn: (p: string) => confirmPasswordReset(token, p) });
  const passwordError = (submitted ? validateNewPassword(password) : null) ?? serverFieldError(confirm.error, 'password');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!validateNewPassword(password)) confirm.mutate(password);
  };
  return (
    <AuthShell title="Choose a new password" subtitle="Every signed-in session of your account ends when you save it." footer={<Link to="/signin">Back to sign in</Link>} redirectSignedIn={false}>
      {!token ? (
        <p className="note note--warn">This page needs the link from the reset email. <Link to="/forgot-password">Ask for one.</Link></p>
      ) : confirm.isSuccess ? (
        <p className="note" role="status">
          Your password is changed. <Link to="/signin">Sign in</Link> with it.
        </p>
      ) : (
        <form className="stack" onSubmit={onSubmit} noValidate>
          <ErrorAlert error={serverFieldError(confirm.error, 'password') ? null : confirm.error} />
          <TextField label="New password" type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={passwordError} autoFocus />
          <button type="submit" className="btn btn--primary btn--block" disabled={confirm.isPending}>
            {confirm.isPending ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      )}
    </AuthShell>
  );
}
