import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { getAuthOptions } from '../api/account';
import { Link, Navigate } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/Field';
import { AuthShell } from '../features/auth/AuthShell';
import { useSignIn } from '../features/auth/use-me';
import { validateEmail } from '../features/auth/validate-credentials';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const signIn = useSignIn();
  const options = useQuery({ queryKey: ['auth-options'], queryFn: getAuthOptions, staleTime: 5 * 60_000 });

  // A fresh install has no owner to sign in: the first one signs up.
  const freshInstall = options.data?.hasOwners === false && options.data.signup === 'open';

  const emailError = submitted ? validateEmail(email) : null;
  const passwordError = submitted && !password ? 'Enter your password.' : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (validateEmail(email) || !password) return;
    // On success the owner lands in the cache and AuthShell redirects.
    signIn.mutate({ email: email.trim(), password });
  };

  if (freshInstall) return <Navigate to="/signup" replace />;
  return (
    <AuthShell
      title="Sign in"
      subtitle="Welcome back. Sign in to manage your projects."
      footer={
        <>
          New here? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={signIn.error} />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={emailError}
          autoFocus
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={passwordError}
        />
        {options.data?.passwordReset ? (
          <p className="auth__aside">
            <Link to="/forgot-password">Forgot password?</Link>
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthShell>
  );
}
