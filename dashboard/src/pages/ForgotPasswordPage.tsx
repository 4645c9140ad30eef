import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { requestPasswordReset } from '../api/account';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/Field';
import { AuthShell } from '../features/auth/AuthShell';
import { validateEmail } from '../features/auth/validate-credentials';

/** "Forgot password?": mails a reset link when an account has the email (the answer is the same either way). */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const request = useMutation({ mutationFn: requestPasswordReset });
  const emailError = submitted ? validateEmail(email) : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!validateEmail(email)) request.mutate(email.trim());
  };
  return (
    <AuthShell title="Forgot password?" subtitle="We will email you a link to choose a new one." footer={<Link to="/signin">Back to sign in</Link>}>
      {request.isSuccess ? (
        <p className="note" role="status">
          If an account has the email {email.trim()}, a reset link is on its way. It works once, within an hour.
        </p>
      ) : (
        <form className="stack" onSubmit={onSubmit} noValidate>
          <ErrorAlert error={request.error} />
          <TextField label="Email" type="email" name="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={emailError} autoFocus />
          <button type="submit" className="btn btn--primary btn--block" disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'Email me a reset link'}
          </button>
        </form>
      )}
    </AuthShell>
  );
}
