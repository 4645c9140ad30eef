import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '@rested/shared';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/Field';
import { AuthShell } from '../features/auth/AuthShell';
import { useSignUp } from '../features/auth/use-me';
import { validateEmail, validateNewPassword } from '../features/auth/validate-credentials';
import { formLevelError, serverFieldError } from '../lib/form-errors';

export function SignUpPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const signUp = useSignUp();

  const emailError = (submitted ? validateEmail(email) : null) ?? serverFieldError(signUp.error, 'email');
  const passwordError =
    (submitted || password ? validateNewPassword(password) : null) ?? serverFieldError(signUp.error, 'password');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (validateEmail(email) || validateNewPassword(password)) return;
    const input = { email: email.trim(), password, ...(name.trim() ? { name: name.trim() } : {}) };
    signUp.mutate(input); // on success AuthShell redirects to /projects
  };

  return (
    <AuthShell
      title="Create your account"
      subtitle="One account holds all your projects, endpoints and keys."
      footer={
        <>
          Already have an account? <Link to="/signin">Sign in</Link>
        </>
      }
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={formLevelError(signUp.error, ['email', 'password', 'name'])} />
        <TextField
          label="Name (optional)"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={serverFieldError(signUp.error, 'name')}
          autoFocus
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={emailError}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={passwordError}
        />
        <button type="submit" className="btn btn--primary btn--block" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthShell>
  );
}
